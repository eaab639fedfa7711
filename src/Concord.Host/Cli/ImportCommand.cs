using System.CommandLine;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Host.Cli;

/// <summary>What <c>concord import</c> was asked to do.</summary>
internal sealed record ImportRequest(
    IReadOnlyList<ImportSource> Sources,
    ImportPolicy Policy,
    Tlp? Tlp,
    Scope? Scope,
    string? Organisation,
    Uri? Remote,
    string? ApiKey,
    IReadOnlyList<string> Recipients,
    Guid? SharingGroup);

/// <summary>One bundle to import: a file, or standard input (<c>-</c>).</summary>
internal sealed record ImportSource(string Name, string? Path)
{
    public long? Length => Path is null ? null : new FileInfo(Path).Length;
}

/// <summary><c>concord import FILE|DIR|- [--policy] [--tlp] [--scope] [--org NAME] [--remote URL --api-key KEY]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A STIX bundle or MISP JSON file (an event, an API export or a list of events; the format is recognised), a folder of *.json files (recursively), or - for standard input." };
        var policy = new Option<string>("--policy") { Description = "all-or-nothing (default: one invalid object rejects the bundle) or best-effort (store the valid ones).", DefaultValueFactory = _ => "all-or-nothing" };
        policy.AcceptOnlyFromAmong("all-or-nothing", "best-effort");
        var tlp = new Option<string?>("--tlp") { Description = "TLP for objects without a TLP marking: clear, green, amber, amber+strict, red (default: the organisation's)." };
        var scope = new Option<string?>("--scope") { Description = "owner, recipients, sharing-group, alliance, connected-nodes or public (default: the narrowest the TLP suggests)." };
        var org = new Option<string?>("--org") { Description = "Local import: the organisation that owns the objects (name or id)." };
        var remote = new Option<string?>("--remote") { Description = "Import into a remote node at this URL instead of the local store." };
        var apiKey = new Option<string?>("--api-key") { Description = "The remote node's API key (or set CONCORD_API_KEY)." };
        var recipients = new Option<string[]>("--recipient") { Description = "Share with this organisation (name or id locally, id remotely); repeat for several." };
        var sharingGroup = new Option<Guid?>("--sharing-group") { Description = "Share with this sharing group (its id)." };

        var command = new Command("import", "Import STIX 2.1 bundles or MISP JSON, with a progress bar, into the local store or a remote node. A file in neither format fails.\n" + ExitCodes.Help)
        {
            path, policy, tlp, scope, org, remote, apiKey, recipients, sharingGroup,
        };
        command.SetAction((parse, ct) => ConcordCli.GuardAsync(context, async () =>
        {
            var request = new ImportRequest(
                Sources(parse.GetValue(path)!),
                parse.GetValue(policy) == "best-effort" ? ImportPolicy.BestEffort : ImportPolicy.AllOrNothing,
                ParseTlp(parse.GetValue(tlp)),
                ParseScope(parse.GetValue(scope)),
                parse.GetValue(org),
                ParseRemote(parse.GetValue(remote)),
                parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CONCORD_API_KEY"),
                parse.GetValue(recipients) ?? [],
                parse.GetValue(sharingGroup));
            var results = request.Remote is null
                ? await LocalImport.RunAsync(context, request, ct)
                : await RemoteImport.RunAsync(context, request, ct);
            return ImportSummary.Write(context, results);
        }));
        return command;
    }

    private static List<ImportSource> Sources(string path)
    {
        if (path == "-")
        {
            return [new ImportSource("stdin", null)];
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => new ImportSource(System.IO.Path.GetRelativePath(path, f), f)).ToList();
            return files.Count > 0 ? files : throw new CliException($"the folder '{path}' holds no *.json file.");
        }

        return File.Exists(path) ? [new ImportSource(System.IO.Path.GetFileName(path), path)] : throw new CliException($"no such file or folder: '{path}'.");
    }

    internal static Uri? ParseRemote(string? text) =>
        text is null ? null
            : Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
            : throw CliException.Usage($"--remote '{text}' is not an http:// or https:// URL.");

    internal static Tlp? ParseTlp(string? text) =>
        text is null ? null : Distribution.TryParseTlp(text, out var tlp) ? tlp
            : throw CliException.Usage($"--tlp '{text}' is not one of clear, green, amber, amber+strict, red.");

    internal static Scope? ParseScope(string? text) =>
        text is null ? null : Distribution.TryParseScope(text, out var scope) ? scope
            : throw CliException.Usage($"--scope '{text}' is not one of owner, recipients, sharing-group, alliance, connected-nodes, public.");
}
