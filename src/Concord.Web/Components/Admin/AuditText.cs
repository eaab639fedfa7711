using Concord.Access;
using Concord.Platform.Audit;

namespace Concord.Web.Components.Admin;

/// <summary>How the audit pages word an entry: channels and actors as words, organisations by name.</summary>
internal static class AuditText
{
    public static string Channel(AuditChannel channel) => channel switch
    {
        AuditChannel.Ui => "browser",
        AuditChannel.Rest => "REST API",
        AuditChannel.Taxii => "TAXII",
        AuditChannel.Cli => "command line",
        AuditChannel.Federation => "peer node",
        _ => "the node",
    };

    public static string Actor(AuditEntryInfo entry) => entry.ActorKind switch
    {
        AuditActor.User => $"user {Short(entry.ActorId)}",
        AuditActor.ApiKey => $"API key {Short(entry.ActorId)}",
        AuditActor.PeerNode => $"peer node {Short(entry.ActorId)}",
        AuditActor.Anonymous => "not signed in",
        _ => "the node",
    };

    public static string Organisation(Guid? id, IReadOnlyDictionary<Guid, string> names) =>
        id is { } org ? names.GetValueOrDefault(org, Short(org)) : "—";

    /// <summary>Ids are long; the first block tells entries apart on a page, and the full id is in the title.</summary>
    public static string Short(Guid? id) => id?.ToString("D")[..8] ?? "";
}
