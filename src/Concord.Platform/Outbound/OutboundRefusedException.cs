using System.Net;
using System.Net.Http;

namespace Concord.Platform.Outbound;

/// <summary>
/// An outbound call the node refused to make: the host resolves to an address that is not on the public internet and is
/// not allow-listed, or a redirect went where calls may not follow. It is an <see cref="HttpRequestException"/>, so a
/// caller that handles failed calls handles it too; it is never retried.
/// </summary>
public sealed class OutboundRefusedException : HttpRequestException
{
    internal OutboundRefusedException(string host, int port, IPAddress address, OutboundRefusal refusal)
        : base(HttpRequestError.ConnectionError, AddressMessage(host, port, address, refusal))
    {
        Host = host;
        Port = port;
        Address = address;
        Refusal = refusal;
    }

    internal OutboundRefusedException(Uri from, Uri to, OutboundRefusal refusal, string message)
        : base(HttpRequestError.Unknown, $"Refused the redirect from {Origin(from)} to {Origin(to)}: {message}")
    {
        Host = to.IdnHost;
        Port = to.Port;
        Refusal = refusal;
    }

    /// <summary>The host the call was refused for (for a redirect, the host it pointed to).</summary>
    public string Host { get; }

    public int Port { get; }

    /// <summary>The refused address; null when a redirect was refused before any address was looked at.</summary>
    public IPAddress? Address { get; }

    public OutboundRefusal Refusal { get; }

    /// <summary>Scheme, host and port only: a path or query (a webhook's token) has no place in a message or a log.</summary>
    internal static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string AddressMessage(string host, int port, IPAddress address, OutboundRefusal refusal)
    {
        var rule = AddressRules.Describe(refusal);
        var literal = IPAddress.TryParse(host, out var parsed) && parsed.Equals(address);
        var endpoint = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var why = literal ? $"{address} is {rule}" : $"{host} resolves to {address}, which is {rule}";
        return $"Refused to call {endpoint}: {why}; allow-list the host in {OutboundOptions.Section}:AllowedHosts.";
    }
}
