using System.CommandLine;
using System.Globalization;
using Concord.Access;
using Concord.Federation;
using Concord.Platform;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord federation node | connect NAME URL [--key KEY] | list | key PEER KEY | sync PEER | disconnect PEER</c>: this
/// node among its peers, as <c>/api/v1/federation/…</c>. The command acts as the node's admin; PEER is a name or an id.
/// </summary>
internal static class FederationCommand
{
    public const string Exits = "Exit codes: 0 success; 1 error (a pull that failed included); 2 usage error; 3 no such peer.";

    private static readonly Principal NodeAdmin = new(PrincipalKind.Member, null, new HashSet<Guid>(), Role.NodeAdmin, "cli");

    public static Command Create(CliContext context)
    {
        var federation = new Command("federation", "Connected nodes: connect, pull, disconnect; this node's federation identity.\n" + Exits);
        federation.Subcommands.Add(Node(context));
        federation.Subcommands.Add(Connect(context));
        federation.Subcommands.Add(List(context));
        federation.Subcommands.Add(Key(context));
        federation.Subcommands.Add(Sync(context));
        federation.Subcommands.Add(Disconnect(context));
        return federation;
    }

    private static Command Node(CliContext context)
    {
        var command = new Command("node", "Print this node's federation id and name.");
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            await context.Out.WriteLineAsync($"{federation.Node.Id}\t{federation.Node.Name}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Connect(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The peer's name here, e.g. 'node-fi'." };
        var url = new Argument<string>("url") { Description = "The peer node's address, e.g. 'https://concord.cert.example/'." };
        var key = new Option<string?>("--key") { Description = "The key the peer's node printed when it connected this node (may be set later with 'key')." };
        var command = new Command("connect", "Connect a node; prints the key it reads this node with, shown once.") { name, url, key };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var connected = Require(await federation.ConnectAsync(NodeAdmin, new NewPeer(parse.GetValue(name), parse.GetValue(url), parse.GetValue(key)), ct));
            await context.Out.WriteLineAsync(connected.KeyForPeer);
            await context.Error.WriteLineAsync($"connected '{connected.Peer.Name}' ({connected.Peer.Id}); the line above is the key it reads this node with, shown once: "
                + "give it to the peer's node admin, who connects this node with it."
                + (connected.Peer.HasKey ? "" : " This node pulls the peer once its key is set: concord federation key " + connected.Peer.Name + " KEY"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the connected nodes: id, name, address, state, last pull, received, refused, withdrawn, last error.");
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            foreach (var peer in Require(await federation.ListPeersAsync(NodeAdmin, ct)))
            {
                var state = !peer.Enabled ? "disconnected" : !peer.HasKey ? "waiting-for-key" : peer.Status.LastError is null ? "connected" : "failing";
                var last = peer.Status.LastSuccessAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{peer.Id}\t{peer.Name}\t{peer.Url}\t{state}\t{last}\t{peer.Status.Received}\t{peer.Status.Rejected}\t{peer.Status.Withdrawn}\t{peer.Status.LastError}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Key(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var key = new Argument<string>("key") { Description = "The key the peer's node printed when it connected this node." };
        var command = new Command("key", "Set or replace the key the peer issued for this node.") { peer, key };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var updated = Require(await federation.SetKeyAsync(NodeAdmin, id, parse.GetValue(key), ct));
            await context.Error.WriteLineAsync($"key for '{updated.Name}' saved.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Sync(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var command = new Command("sync", "Pull from the peer now until it has nothing new.") { peer };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var report = Require(await federation.SyncAsync(NodeAdmin, id, ct));
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"requests {report.Requests}, stored {report.Stored}, already here {report.Duplicates}, refused {report.Rejected}, withdrawn {report.Withdrawn}"));
            if (report.Error is { } error)
            {
                throw new CliException($"the pull failed: {error}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Disconnect(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var command = new Command("disconnect", "Disconnect a node: its key here stops working and pulling it stops; what it sent stays.") { peer };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var disconnected = Require(await federation.DisconnectAsync(NodeAdmin, id, ct));
            await context.Error.WriteLineAsync($"disconnected '{disconnected.Name}'.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<Guid> FindAsync(IFederation federation, string peer, CancellationToken cancellationToken)
    {
        var peers = Require(await federation.ListPeersAsync(NodeAdmin, cancellationToken));
        var found = peers.FirstOrDefault(p => p.Name == peer || p.Id.ToString() == peer.Trim().ToLowerInvariant());
        return found?.Id ?? throw new CliException($"no peer '{peer}' (concord federation list shows them)", ExitCodes.NotFound);
    }

    private static Task<int> WithFederationAsync(CliContext context, CancellationToken cancellationToken, Func<IFederation, Task<int>> action) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<IFederation>());
        });

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new CliException(
            $"{result.Error!.Message}{(result.Error.Field is null ? "" : $" [{result.Error.Field}: {result.Error.Rule}]")}",
            result.Error.Kind == ErrorKind.NotFound ? ExitCodes.NotFound : ExitCodes.Error);
}
