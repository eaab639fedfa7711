using System.Text.Json;
using Concord.Access;
using Concord.Platform;

namespace Concord.Intel.Features.Feeds;

/// <summary>What a feed's settings must be, and who may manage which feed.</summary>
internal static class FeedSettingsRules
{
    public const int MaxNameLength = 100;
    public const int MinInterval = 5;
    public const int MaxInterval = 7 * 24 * 60;

    /// <summary>
    /// An organisation's admins manage its own feeds, node admins every feed; everyone else is refused. A feed of another
    /// organisation is reported missing to an org admin (<see cref="MayManage"/>).
    /// </summary>
    public static Error? MayManageFeeds(Principal principal) =>
        principal.HasRole(Role.OrgAdmin) && principal.OrganisationId is not null
            ? null
            : Error.Forbidden("Managing feeds needs the org-admin role (your organisation's feeds) or node admin (any).");

    public static bool MayManage(Principal principal, Guid owner) =>
        principal.HasRole(Role.NodeAdmin) || (principal.HasRole(Role.OrgAdmin) && principal.OrganisationId == owner);

    /// <summary>The settings' faults, the first one found; null when they are fine. Checks needing the directory come after.</summary>
    public static Error? Check(Principal principal, FeedSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Name) || settings.Name.Trim().Length > MaxNameLength)
        {
            return Error.Validation("name", "feed-name", $"A feed needs a name of 1 to {MaxNameLength} characters.");
        }

        if (!Enum.IsDefined(settings.Kind))
        {
            return Error.Validation("kind", "feed-kind", "'kind' must be misp, text or csv.");
        }

        if (SourceError(principal, settings) is { } source)
        {
            return source;
        }

        if (settings.IntervalMinutes is < MinInterval or > MaxInterval)
        {
            return Error.Validation("interval_minutes", "feed-interval", $"The interval must be {MinInterval} to {MaxInterval} minutes (a week).");
        }

        if (settings.Kind == FeedKind.Csv && settings.Columns is not { Value: >= 1 })
        {
            return Error.Validation("columns", "feed-columns", "A CSV feed needs the number (from 1) of the column holding the value.");
        }

        if (settings.Kind != FeedKind.Csv && settings.Columns is not null)
        {
            return Error.Validation("columns", "feed-columns", "Only a CSV feed takes a column mapping.");
        }

        if (settings.Columns is { } c && (c.Comment is < 1 || c.FirstSeen is < 1))
        {
            return Error.Validation("columns", "feed-columns", "Column numbers start at 1.");
        }

        if (settings.Scope == Scope.Recipients)
        {
            return Error.Validation("scope", "feed-scope", "A feed's scope may be a sharing group but not a list of recipients: name a sharing group.");
        }

        return Distribution.Check(settings.Tlp, settings.Scope, settings.SharingGroupId);
    }

    private static Error? SourceError(Principal principal, FeedSettings settings)
    {
        var source = settings.Source?.Trim() ?? "";
        if (FeedFetcher.IsUrl(source))
        {
            return Uri.TryCreate(source, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo)
                ? null
                : Error.Validation("source", "feed-source", "The source must be an absolute http(s) URL without user name or password.");
        }

        if (!Path.IsPathFullyQualified(source))
        {
            return Error.Validation("source", "feed-source", "The source must be an https URL, or (node admins) an absolute path on the node.");
        }

        if (!principal.HasRole(Role.NodeAdmin))
        {
            return Error.Validation("source", "feed-source-local", "Only node admins may name a folder or file on the node: it reads the server's disk.");
        }

        var exists = settings.Kind == FeedKind.Misp ? Directory.Exists(source) : File.Exists(source);
        return exists ? null : Error.Validation("source", "feed-source-missing",
            settings.Kind == FeedKind.Misp ? "No such folder on the node (it should hold manifest.json)." : "No such file on the node.");
    }

    public static string? ColumnsJson(CsvColumns? columns) => columns is null ? null : JsonSerializer.Serialize(columns, IntelJson.Default.CsvColumns);

    public static CsvColumns? Columns(string? json) => json is null ? null : JsonSerializer.Deserialize(json, IntelJson.Default.CsvColumns);

    public static string KindName(FeedKind kind) => kind.ToString().ToLowerInvariant();

    public static FeedKind Kind(string name) => Enum.Parse<FeedKind>(name, ignoreCase: true);
}
