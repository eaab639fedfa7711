using System.Net;

namespace Concord.Platform.Outbound;

/// <summary>
/// Turns a host name into the addresses the guard checks and then connects to. The DNS boundary: tests replace it to
/// make a public-looking name resolve to a private address.
/// </summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
