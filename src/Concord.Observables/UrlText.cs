using System.Globalization;
using System.Text;

namespace Concord.Observables;

/// <summary>
/// URLs, normalised the safe ways of RFC 3986 section 6: scheme and host case, host IDN to punycode, the scheme's
/// default port, percent-encoding (upper-case hex; unreserved characters decoded; other non-ASCII encoded as
/// UTF-8), an empty http(s) path as <c>/</c>, and no fragment (it never reaches the server). Dot segments are
/// kept: <c>/a/../b</c> is how path-traversal attacks look, and an analyst must see what was sent.
/// </summary>
public static class UrlText
{
    internal static Normalised Normalise(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text[..colon]))
        {
            return Normalised.Fail("a URL starts with a scheme such as http:");
        }

        var scheme = text[..colon].ToString().ToLowerInvariant();
        var rest = text[(colon + 1)..];
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        if (!rest.StartsWith("//"))
        {
            // Without an authority (mailto:, urn:) there is no host to normalise; only the encoding is.
            return Normalised.Ok(ObservableKind.Url, $"{scheme}:{NormalisePercent(rest)}");
        }

        rest = rest[2..];
        var end = rest.IndexOfAny('/', '?');
        var authority = end < 0 ? rest : rest[..end];
        var tail = end < 0 ? ReadOnlySpan<char>.Empty : rest[end..];
        if (!TryNormaliseAuthority(scheme, authority, out var normalisedAuthority, out var reason))
        {
            return Normalised.Fail(reason);
        }

        var path = NormalisePercent(tail);
        if (path.Length == 0 || path[0] == '?')
        {
            path = scheme is "http" or "https" ? "/" + path : path;
        }

        return Normalised.Ok(ObservableKind.Url, $"{scheme}://{normalisedAuthority}{path}");
    }

    /// <summary>The host of a canonical URL (for hostname warninglists), or null when it has none.</summary>
    public static string? HostOf(string canonicalUrl)
    {
        var start = canonicalUrl.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var authority = canonicalUrl.AsSpan(start + 3);
        var end = authority.IndexOfAny('/', '?');
        authority = end < 0 ? authority : authority[..end];
        var at = authority.LastIndexOf('@');
        authority = authority[(at + 1)..];
        if (authority.StartsWith('['))
        {
            return authority[1..authority.IndexOf(']')].ToString();
        }

        var portColon = authority.LastIndexOf(':');
        return (portColon < 0 ? authority : authority[..portColon]).ToString();
    }

    private static bool TryNormaliseAuthority(string scheme, ReadOnlySpan<char> authority, out string value, out string reason)
    {
        value = "";
        reason = "";
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : NormalisePercent(authority[..at]) + "@";
        var hostPort = authority[(at + 1)..];
        ReadOnlySpan<char> hostText, portText = default;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0 || (close + 1 < hostPort.Length && hostPort[close + 1] != ':'))
            {
                reason = "the bracketed IPv6 host is malformed";
                return false;
            }

            hostText = hostPort[..(close + 1)];
            portText = close + 1 < hostPort.Length ? hostPort[(close + 2)..] : default;
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            hostText = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? default : hostPort[(colon + 1)..];
        }

        if (!TryNormaliseHost(hostText, out var host, out reason))
        {
            return false;
        }

        var port = "";
        if (!portText.IsEmpty)
        {
            if (!ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                reason = "the port must be a number from 0 to 65535";
                return false;
            }

            port = number == DefaultPort(scheme) ? "" : $":{number}";
        }

        value = userInfo + host + port;
        return true;
    }

    private static bool TryNormaliseHost(ReadOnlySpan<char> host, out string value, out string reason)
    {
        value = "";
        reason = "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IpText.TryParseNetwork(host[1..^1], out var v6, out _) || !v6.IsAddress || host.IndexOf('/') >= 0)
            {
                reason = "the bracketed host is not an IPv6 address";
                return false;
            }

            value = v6.IsV4 ? v6.ToString() : $"[{v6}]";
            return true;
        }

        if (IpText.TryParseV4(host, out var v4, out _))
        {
            value = IpText.FormatV4(v4);
            return true;
        }

        if (!DomainText.TryNormalise(host, out value, out var domainReason))
        {
            reason = $"the host is invalid: {domainReason}";
            return false;
        }

        return true;
    }

    private static int DefaultPort(string scheme) => scheme switch
    {
        "http" or "ws" => 80,
        "https" or "wss" => 443,
        "ftp" => 21,
        _ => -1,
    };

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Percent-encoding to one form: <c>%7e</c> → <c>~</c>, <c>%2f</c> → <c>%2F</c>, <c>é</c> → <c>%C3%A9</c>, space → <c>%20</c>.</summary>
    internal static string NormalisePercent(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                var octet = (char)Convert.ToByte(text.Slice(i + 1, 2).ToString(), 16);
                if (IsUnreserved(octet))
                {
                    builder.Append(octet);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                }

                i += 2;
            }
            else if (c > ' ' && c < 0x7F)
            {
                builder.Append(c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                var written = Encoding.UTF8.GetBytes(text.Slice(i, length), utf8);
                foreach (var b in utf8[..written])
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }
        }

        return builder.ToString();
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
