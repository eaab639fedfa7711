using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Concord.Platform.Outbound;

/// <summary>
/// The SSRF guard, as the primary handler's <see cref="SocketsHttpHandler.ConnectCallback"/>: it resolves the host
/// itself, refuses the connection when any address is not on the public internet and not allow-listed, and connects to
/// the addresses it checked. Connecting is the one moment every request and every redirect hop passes through, so
/// nothing reaches a socket unchecked; and since no second lookup happens, a name that changes its answer between the
/// check and the connection (DNS rebinding) cannot slip past.
/// </summary>
internal sealed class GuardedConnector(IHostResolver resolver, AllowList allowList, ILogger logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // An IPv6 literal comes in brackets, as in the URL.
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Every address, not only the one we would use: a name that answers with one public and one private address
        // is refused, since which one a retry or another client picks is not ours to promise.
        foreach (var address in addresses)
        {
            if (AddressRules.Classify(address) is { } refusal && !allowList.Allows(host, port, address))
            {
                var refused = new OutboundRefusedException(host, port, address, refusal);
                Log.OutboundRefused(logger, host, refused.Message);
                throw refused;
            }
        }

        return await OpenAsync(addresses, port, cancellationToken);
    }

    private static async Task<Stream> OpenAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
