using System.Globalization;
using System.Net;

namespace Concord.Platform.Outbound;

/// <summary>
/// The node admin's exceptions to <see cref="AddressRules"/> (<c>Concord:Outbound:AllowedHosts</c>). An entry is a host
/// name (every address it resolves to may be called), an IP address (that address, whatever name led to it) or a CIDR
/// range; a host name or an IP address may carry a port (<c>127.0.0.1:5080</c>, <c>[::1]:5080</c>), and then only that
/// port is allowed.
/// </summary>
internal sealed class AllowList
{
    private readonly Entry[] _entries;

    private AllowList(Entry[] entries) => _entries = entries;

    /// <summary>Reads the entries; the caller has validated them (<see cref="TryParse"/>).</summary>
    public static AllowList From(IEnumerable<string> entries) =>
        new(entries.Select(e => TryParse(e, out var entry, out var error) ? entry : throw new InvalidOperationException(error)).ToArray());

    /// <summary>Whether <paramref name="address"/>, reached as <paramref name="host"/> on <paramref name="port"/>, may be called.</summary>
    public bool Allows(string host, int port, IPAddress address)
    {
        var name = Normalize(host);
        var target = AddressRules.Effective(address);
        foreach (var entry in _entries)
        {
            if (entry.Port is { } only && only != port)
            {
                continue;
            }

            if ((entry.Name is not null && entry.Name == name) || (entry.Range is { } range && range.Contains(target)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses one entry; on failure <paramref name="error"/> says what an entry looks like.</summary>
    public static bool TryParse(string text, out Entry entry, out string error)
    {
        entry = default;
        error = "";
        var value = text.Trim();
        if (value.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{text}' is a URL; give the host name, IP address or CIDR range alone.";
            return false;
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            return ParseRange(text, value, out entry, out error);
        }

        if (!TrySplitPort(value, out var host, out var port))
        {
            error = $"'{text}' is not host:port with a port from 1 to 65535.";
            return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            var single = AddressRules.Effective(address);
            entry = new Entry(null, new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128), port);
            return true;
        }

        if (host.Any(c => c > 127) || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            error = $"'{text}' is not a host name, an IP address or a CIDR range (write an internationalised name in its xn-- form).";
            return false;
        }

        entry = new Entry(Normalize(host), null, port);
        return true;
    }

    private static bool ParseRange(string text, string value, out Entry entry, out string error)
    {
        entry = default;
        error = "";
        if (!IPNetwork.TryParse(value, out var range))
        {
            error = $"'{text}' is not a CIDR range: an address, '/' and a prefix length (10.0.0.0/8, fd00::/8).";
            return false;
        }

        // IPNetwork clears the bits after the prefix; an admin who wrote 10.1.2.3/8 may have meant 10.1.2.3/32.
        if (!IPAddress.Parse(value[..value.IndexOf('/', StringComparison.Ordinal)]).Equals(range.BaseAddress))
        {
            error = $"'{text}' is not a CIDR range: its address has bits set after the prefix (did you mean {range}?).";
            return false;
        }

        if (range.PrefixLength == 0)
        {
            error = $"'{text}' would allow every address and switch the protection off; name the hosts or the ranges to allow.";
            return false;
        }

        entry = new Entry(null, range, null);
        return true;
    }

    /// <summary>"host:port", "[v6]:port", "[v6]" or a bare name or address; a bare IPv6 address has colons but no port.</summary>
    private static bool TrySplitPort(string value, out string host, out int? port)
    {
        host = value;
        port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            return rest.Length == 0 || (rest.StartsWith(':') && TryPort(rest[1..], out port));
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon != value.LastIndexOf(':'))
        {
            return true;
        }

        host = value[..colon];
        return TryPort(value[(colon + 1)..], out port);
    }

    private static bool TryPort(string text, out int? port)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535;
        port = ok ? number : null;
        return ok;
    }

    private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>One allow-list entry: a host name or an address range, and optionally the one port allowed.</summary>
    internal readonly record struct Entry(string? Name, IPNetwork? Range, int? Port);
}
