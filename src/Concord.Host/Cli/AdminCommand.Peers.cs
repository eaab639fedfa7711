using System.CommandLine;
using System.Globalization;
using Concord.Access;

namespace Concord.Host.Cli;

internal static partial class AdminCommand
{
    /// <summary><c>concord admin peer create NAME | list | revoke NAME-OR-ID</c>: connected nodes and their keys.</summary>
    private static Command Peers(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The peer node's name, e.g. 'cert-ke.node.example'." };
        var create = new Command("create", "Register a peer node; prints its key, shown once.") { name };
        create.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var created = Require(await services.GetRequiredService<IAccessAdmin>().CreatePeerNodeAsync(parse.GetValue(name)!, ct));
            await context.Out.WriteLineAsync(created.Key);
            await context.Error.WriteLineAsync($"registered peer node '{created.Peer.Name}' ({created.Peer.Id}); the line above is its key, shown once: "
                + "the peer sends it as 'Authorization: Bearer <key>' and reads what is shared with connected nodes (TLP:GREEN and TLP:CLEAR).");
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the peer nodes: id, name, key prefix, status, last use.");
        list.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            foreach (var peer in await services.GetRequiredService<IAccessAdmin>().ListPeerNodesAsync(ct))
            {
                var lastUsed = peer.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
                await context.Out.WriteLineAsync($"{peer.Id}\t{peer.Name}\t{peer.Prefix}\t{(peer.Revoked ? "revoked" : "active")}\t{lastUsed}");
            }

            return ExitCodes.Ok;
        }));

        var peerRef = new Argument<string>("peer") { Description = "The peer node's name or id." };
        var revoke = new Command("revoke", "Revoke a peer node: its key stops working at once.") { peerRef };
        revoke.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var peer = Require(await services.GetRequiredService<IAccessAdmin>().RevokePeerNodeAsync(parse.GetValue(peerRef)!, ct));
            await context.Error.WriteLineAsync($"revoked peer node '{peer.Name}'.");
            return ExitCodes.Ok;
        }));

        return new Command("peer", "Peer nodes (connected nodes that read what is shared beyond this node).") { create, list, revoke };
    }
}
