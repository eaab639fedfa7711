using System.CommandLine;
using System.Globalization;
using Concord.Access;
using Concord.Federation;
using Concord.Intel;
using Concord.Platform;

namespace Concord.Host.Cli;

/// <summary>
/// <c>concord peer add NAME URL [--key KEY] [--accept-relays | --taxii --owner ORG [--tlp TLP] [--scope SCOPE] | --taxii --push] | list | status PEER | sync PEER | pause PEER | resume PEER |
/// relays PEER on|off | key PEER KEY | remove PEER | node</c>: this node among its peers, as <c>/api/v1/federation/…</c>.
/// The command acts as the node's admin; PEER is a name or an id. <c>concord federation …</c>, <c>connect</c> and
/// <c>disconnect</c> are the same verbs under their first names.
/// </summary>
internal static class PeerCommand
{
    public const string Exits = "Exit codes: 0 success; 1 error (a pull that failed included); 2 usage error; 3 no such peer.";

    private static readonly Principal NodeAdmin = new(PrincipalKind.Member, null, new HashSet<Guid>(), Role.NodeAdmin, "cli");

    public static Command Create(CliContext context)
    {
        var peer = new Command("peer", "Connected nodes: add, watch, pull, pause, remove; this node's federation identity.\n" + Exits);
        peer.Aliases.Add("federation");
        peer.Subcommands.Add(Node(context));
        peer.Subcommands.Add(Connect(context));
        peer.Subcommands.Add(List(context));
        peer.Subcommands.Add(Status(context));
        peer.Subcommands.Add(Key(context));
        peer.Subcommands.Add(Sync(context));
        peer.Subcommands.Add(Change(context, "pause", "Stop pulling the peer (or pushing to a push destination) until it is resumed (a node still reads this node).", new PeerChange(true, null), "paused"));
        peer.Subcommands.Add(Change(context, "resume", "Pull (or push to) the peer again.", new PeerChange(false, null), "resumed"));
        peer.Subcommands.Add(Relays(context));
        peer.Subcommands.Add(Disconnect(context));
        peer.Subcommands.Add(Secret(context));
        peer.Subcommands.Add(Lookup(context));
        return peer;
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
        var relays = new Option<bool>("--accept-relays") { Description = "Take records of other nodes' organisations that this peer relays (e.g. from the alliance's hub); without it, only those of the organisations it hosts." };
        var taxii = new Option<bool>("--taxii") { Description = "Not a Concord node: URL is a TAXII 2.1 collection of any server, pulled as --owner's (KEY: its bearer token, or user:password)." };
        var owner = new Option<string?>("--owner") { Description = "With --taxii: the organisation of this node (name or id) its objects are stored as." };
        var tlp = new Option<string?>("--tlp") { Description = "With --taxii: the TLP of objects that carry no TLP marking (default: the owner's)." };
        var scope = new Option<string?>("--scope") { Description = "With --taxii: owner, alliance, connected-nodes or public (default: the safe one for each object's TLP)." };
        var push = new Option<bool>("--push") { Description = "With --taxii: push this node's TLP:GREEN (shared with connected nodes) and TLP:CLEAR records to the collection URL instead of pulling it (KEY: its bearer token, or user:password)." };
        var command = new Command("add", "Connect a node (prints the key it reads this node with, shown once), a TAXII source with --taxii, or a TAXII push destination with --taxii --push.") { name, url, key, relays, taxii, owner, tlp, scope, push };
        command.Aliases.Add("connect");
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async (federation, services) =>
        {
            var request = new NewPeer(parse.GetValue(name), parse.GetValue(url), parse.GetValue(key), parse.GetValue(relays)) { Tlp = parse.GetValue(tlp), Scope = parse.GetValue(scope) };
            if (!parse.GetValue(taxii) && parse.GetValue(owner) is not null)
            {
                throw new CliException("--owner, --tlp and --scope are for a TAXII source: add --taxii (a Concord node's records keep their owners)", ExitCodes.Usage);
            }

            if (parse.GetValue(push))
            {
                if (!parse.GetValue(taxii))
                {
                    throw new CliException("--push is for a TAXII collection: add --taxii", ExitCodes.Usage);
                }

                if (parse.GetValue(owner) is not null || parse.GetValue(tlp) is not null || parse.GetValue(scope) is not null)
                {
                    throw new CliException("--owner, --tlp and --scope are for a TAXII source: a push destination receives records with their own markings", ExitCodes.Usage);
                }

                var destination = Require(await federation.ConnectAsync(NodeAdmin, request with { Kind = "taxii-push" }, ct)).Peer;
                await context.Error.WriteLineAsync($"connected the TAXII push destination '{destination.Name}' ({destination.Id}): the running node pushes to it; concord peer sync {destination.Name} pushes now.");
                return ExitCodes.Ok;
            }

            if (parse.GetValue(taxii))
            {
                request = request with { Kind = "taxii", Owner = await OwnerAsync(services.GetRequiredService<IAccessDirectory>(), parse.GetValue(owner), ct) };
            }

            var connected = Require(await federation.ConnectAsync(NodeAdmin, request, ct));
            if (connected.KeyForPeer is null)
            {
                await context.Error.WriteLineAsync($"connected the TAXII source '{connected.Peer.Name}' ({connected.Peer.Id}): concord peer sync {connected.Peer.Name} pulls it now.");
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync(connected.KeyForPeer);
            await context.Error.WriteLineAsync($"connected '{connected.Peer.Name}' ({connected.Peer.Id}); the line above is the key it reads this node with, shown once: "
                + "give it to the peer's node admin, who connects this node with it."
                + (connected.Peer.HasKey ? "" : " This node pulls the peer once its key is set: concord peer key " + connected.Peer.Name + " KEY"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the connected nodes: id, name, address, state, last pull, lag (s), received, refused, withdrawn, last error.");
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            foreach (var peer in Require(await federation.ListPeersAsync(NodeAdmin, ct)))
            {
                var last = peer.Status.LastSuccessAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{peer.Id}\t{peer.Name}\t{peer.Url}\t{State(peer)}\t{last}\t{peer.Status.LagSeconds:0}\t{peer.Status.Received}\t{peer.Status.Rejected}\t{peer.Status.Withdrawn}\t{peer.Status.LastError}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var command = new Command("status", "Show one peer: its state, node, counts, lag, cursors and the latest objects it sent that were refused.") { peer };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var info = Require(await federation.GetPeerAsync(NodeAdmin, id, ct));
            var s = info.Status;
            var lines = new List<string>
            {
                $"peer        {info.Name} ({info.Id})",
                $"address     {info.Url}{(info.Source is { } source ? $" (TAXII source: stored as {source.Owner}, TLP {source.Tlp ?? "as marked, else the owner's"}, scope {source.Scope ?? "per TLP"})" : info.Push is not null ? " (TAXII push destination: TLP:GREEN shared with connected nodes and TLP:CLEAR)" : "")}",
                $"state       {State(info)}{(info.AcceptRelays ? ", relays accepted" : "")}",
                $"node        {(info.RemoteNodeId is { } node ? $"{info.RemoteNodeName} ({node})" : "not reached yet")}",
                string.Create(CultureInfo.InvariantCulture, $"{(info.Push is null ? "last pull " : "last push ")}  {Time(s.LastAttemptAt)} (last success {Time(s.LastSuccessAt)})"),
                string.Create(CultureInfo.InvariantCulture, $"lag         {s.LagSeconds:0.#} s"),
                info.Push is { } pushed
                    ? string.Create(CultureInfo.InvariantCulture, $"pushed      {pushed.Pushed}, failed {pushed.Failed}, deleted there {pushed.Deleted}, requests {s.Requests}")
                    : string.Create(CultureInfo.InvariantCulture, $"received    {s.Received}, refused {s.Rejected}, withdrawn {s.Withdrawn}, requests {s.Requests}"),
            };
            if (info.Kind == "concord")
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"refused there {s.RefusedThere} of this node's records (as {info.Name} reported)"));
            }

            if (info.Push is { NotDeleted: > 0 } unsupported)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"deletions   the destination does not delete: {unsupported.NotDeleted} withdrawals not propagated"));
            }

            if (s.LastError is { } error)
            {
                lines.Add($"last error  {error}");
            }

            lines.AddRange(info.Cursors.Select(c => $"cursor      {c.Collection} after {Time(c.AddedAfter)}{(c.MidRead ? ", read under way" : "")}"));
            lines.AddRange(info.Rejections.Select(r => $"refused     {Time(r.At)} {r.ObjectId ?? "-"} [{r.Rule}] {r.Message}"));
            lines.AddRange(info.RefusedThere.Select(r => $"refused there {Time(r.At)} {r.ObjectId ?? "-"} [{r.Rule}] {r.Message}"));
            foreach (var line in lines)
            {
                await context.Out.WriteLineAsync(line);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Change(CliContext context, string verb, string description, PeerChange change, string done)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var command = new Command(verb, description) { peer };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var changed = Require(await federation.ChangePeerAsync(NodeAdmin, id, change, ct));
            await context.Error.WriteLineAsync($"{done} '{changed.Name}'.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Relays(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var setting = new Argument<string>("setting") { Description = "'on': take records of other nodes the peer relays; 'off': only those of the organisations it hosts." };
        setting.AcceptOnlyFromAmong("on", "off");
        var command = new Command("relays", "Take (on) or refuse (off) records of other nodes' organisations that the peer relays.") { peer, setting };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var on = parse.GetValue(setting) == "on";
            var changed = Require(await federation.ChangePeerAsync(NodeAdmin, id, new PeerChange(null, on), ct));
            await context.Error.WriteLineAsync($"relays from '{changed.Name}' {(on ? "accepted" : "refused")}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string State(PeerInfo peer) =>
        !peer.Enabled ? "disconnected" : !peer.HasKey && peer.Kind == "concord" ? "waiting-for-key" : peer.Paused ? "paused" : peer.Status.LastError is null ? "connected" : "failing";

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never";

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
        var command = new Command("sync", "Pull from the peer now until it has nothing new (a push destination: push to it now).") { peer };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var report = Require(await federation.SyncAsync(NodeAdmin, id, ct));
            var pushing = Require(await federation.GetPeerAsync(NodeAdmin, id, ct)).Push is not null;
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"requests {report.Requests}, {(pushing ? "pushed" : "stored")} {report.Stored}, already here {report.Duplicates}, {(pushing ? "failed" : "refused")} {report.Rejected}, {(pushing ? "deleted there" : "withdrawn")} {report.Withdrawn}"));
            if (report.Error is { } error)
            {
                throw new CliException($"the {(pushing ? "push" : "pull")} failed: {error}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Disconnect(CliContext context)
    {
        var peer = new Argument<string>("peer") { Description = "The peer's name or id." };
        var command = new Command("remove", "Disconnect a node: its key here stops working and pulling it stops; what it sent stays.") { peer };
        command.Aliases.Add("disconnect");
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async federation =>
        {
            var id = await FindAsync(federation, parse.GetValue(peer)!, ct);
            var disconnected = Require(await federation.DisconnectAsync(NodeAdmin, id, ct));
            await context.Error.WriteLineAsync($"disconnected '{disconnected.Name}'.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Secret(CliContext context)
    {
        var secret = new Argument<string?>("secret") { Description = $"The alliance's federation secret (at least {IBlindLookups.MinSecretLength} characters, the same on every node); without it, show whether blind lookups are on.", Arity = ArgumentArity.ZeroOrOne };
        var off = new Option<bool>("--off") { Description = "Turn blind lookups off (forget the secret)." };
        var command = new Command("secret", "Show or set the federation secret blind lookups hash values with (only its fingerprint is ever shown).") { secret, off };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async (_, services) =>
        {
            var blind = services.GetRequiredService<IBlindLookups>();
            var given = parse.GetValue(secret);
            if (given is not null && parse.GetValue(off))
            {
                throw CliException.Usage("give a secret or --off, not both");
            }

            var status = given is null && !parse.GetValue(off)
                ? await blind.StatusAsync(ct)
                : Require(await blind.SetSecretAsync(NodeAdmin, given ?? "", ct));
            await context.Out.WriteLineAsync(status.Enabled
                ? string.Create(CultureInfo.InvariantCulture, $"blind lookups on, fingerprint {status.Fingerprint}, index {(status.Ready ? "ready" : $"building ({status.Indexed} of {status.Newest})")}")
                : "blind lookups off: no federation secret set");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Lookup(CliContext context)
    {
        var values = new Argument<string[]>("values") { Description = "Values to ask about (198.51.100.7, evil.example, a hash, defanged text).", Arity = ArgumentArity.OneOrMore };
        var org = new Option<string?>("--org") { Description = "The organisation asking (name or id; default: the only organisation)." };
        var command = new Command("lookup", "Ask every connected node whether it holds these values, without telling them to a node that does not: each value travels as a keyed hash.") { values, org };
        command.SetAction((parse, ct) => WithFederationAsync(context, ct, async (_, services) =>
        {
            var organisation = await LocalNode.OrganisationAsync(services, parse.GetValue(org), ct);
            var principal = await LocalNode.PrincipalAsync(services, organisation, ct);
            var answer = Require(await services.GetRequiredService<IFederatedLookups>().AskAsync(principal, parse.GetValue(values), ct));
            foreach (var value in answer.Values)
            {
                if (value.Error is { } error)
                {
                    await context.Out.WriteLineAsync($"{value.Input}\tnot asked: {error}");
                    continue;
                }

                if (value.Findings.Count == 0)
                {
                    await context.Out.WriteLineAsync($"{value.Kind}:{value.Value}\tnot held by any node that answered");
                }

                foreach (var finding in value.Findings)
                {
                    foreach (var record in finding.Records)
                    {
                        await context.Out.WriteLineAsync($"{value.Kind}:{value.Value}\t{finding.PeerName}\t{record.Id}\t{record.Type}\t{record.Owner}\tTLP:{record.Tlp}\t{record.Name}");
                    }

                    if (finding.Anonymous)
                    {
                        await context.Out.WriteLineAsync($"{value.Kind}:{value.Value}\t{finding.PeerName}\ta member there holds it and has been told you asked");
                    }
                }
            }

            foreach (var failed in answer.Peers.Where(p => p.Error is not null))
            {
                await context.Error.WriteLineAsync($"{failed.Name} did not answer: {failed.Error}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<Guid> FindAsync(IFederation federation, string peer, CancellationToken cancellationToken)
    {
        var peers = Require(await federation.ListPeersAsync(NodeAdmin, cancellationToken));
        var found = peers.FirstOrDefault(p => p.Name == peer || p.Id.ToString() == peer.Trim().ToLowerInvariant());
        return found?.Id ?? throw new CliException($"no peer '{peer}' (concord peer list shows them)", ExitCodes.NotFound);
    }

    private static Task<int> WithFederationAsync(CliContext context, CancellationToken cancellationToken, Func<IFederation, Task<int>> action) =>
        WithFederationAsync(context, cancellationToken, (federation, _) => action(federation));

    private static Task<int> WithFederationAsync(CliContext context, CancellationToken cancellationToken, Func<IFederation, IServiceProvider, Task<int>> action) =>
        ConcordCli.GuardAsync(context, async () =>
        {
            await using var app = await LocalNode.BuildAsync(context, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<IFederation>(), scope.ServiceProvider);
        });

    /// <summary>An organisation of this node by name or id; none given is left to the service to name.</summary>
    private static async Task<Guid?> OwnerAsync(IAccessDirectory directory, string? owner, CancellationToken cancellationToken)
    {
        if (owner is null)
        {
            return null;
        }

        var organisations = await directory.ListOrganisationsAsync(cancellationToken);
        var found = organisations.FirstOrDefault(o => !o.IsFederated && (o.Name == owner || o.Id.ToString() == owner.Trim().ToLowerInvariant()));
        return found?.Id ?? throw new CliException($"no organisation '{owner}' on this node (concord admin org list shows them)", ExitCodes.NotFound);
    }

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new CliException(
            $"{result.Error!.Message}{(result.Error.Field is null ? "" : $" [{result.Error.Field}: {result.Error.Rule}]")}",
            result.Error.Kind == ErrorKind.NotFound ? ExitCodes.NotFound : ExitCodes.Error);
}
