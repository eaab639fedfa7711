using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Platform.Audit;

/// <summary>Through what an action reached the node; in JSON as words (<c>rest</c>, <c>cli</c>), as the API's other enums.</summary>
[JsonConverter(typeof(AuditChannelJson))]
public enum AuditChannel
{
    /// <summary>The node itself: background work, start-up, the demo.</summary>
    System,

    /// <summary>The browser UI.</summary>
    Ui,

    /// <summary>The REST API (<c>/api/v1</c>).</summary>
    Rest,

    /// <summary>TAXII 2.1 (<c>/taxii2/</c>).</summary>
    Taxii,

    /// <summary>The <c>concord</c> command on the node's own store.</summary>
    Cli,

    /// <summary>A peer node.</summary>
    Federation,
}

/// <summary>
/// Who acted, as ids only (never names: the audit trail holds no personal data beyond actor ids): a user, an API key,
/// a peer node, or the node itself; the organisation it spoke for; the channel; the client's address where there was one.
/// </summary>
public sealed record AuditActor(string Kind, Guid? Id, Guid? OrganisationId, AuditChannel Channel, string? Address)
{
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string PeerNode = "peer-node";
    public const string Anonymous = "anonymous";
    public const string NodeKind = "node";

    /// <summary>The node itself, acting through <paramref name="channel"/> (a CLI verb, a background job).</summary>
    public static AuditActor Node(AuditChannel channel, Guid? organisationId = null) => new(NodeKind, null, organisationId, channel, null);
}

/// <summary>
/// What happened: an action (<c>objects.import</c>, <c>sign-in.failed</c>, <c>organisation.update</c>), the record it
/// concerned, and a short detail (counts, the fields changed; never a STIX body, a secret or personal data).
/// </summary>
public sealed record AuditEvent(
    string Action,
    string? TargetType = null,
    string? TargetId = null,
    Guid? TargetOrganisationId = null,
    string? Detail = null,
    bool Succeeded = true);

/// <summary>
/// The node's append-only, hash-chained audit trail. Every module records its writes, exports and administrative
/// changes here, after they commit (an entry is its own transaction); Access records sign-ins.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Records an event for whoever the current request acts for; outside a request, <see cref="AuditDefaults.Actor"/>.</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Records an event for an explicit actor (background work on someone's behalf: an import job).</summary>
    Task RecordAsync(AuditEvent auditEvent, AuditActor actor, CancellationToken cancellationToken);
}

/// <summary>
/// The process's actor outside an HTTP request: the node itself, or the CLI verb that runs in this process (it sets it
/// once). Requests need nothing: the actor is read from the request. Background work on someone's behalf names its
/// actor explicitly.
/// </summary>
public sealed class AuditDefaults
{
    public AuditActor Actor { get; set; } = AuditActor.Node(AuditChannel.System);
}

public static class AuditExtensions
{
    /// <summary>Runs <paramref name="work"/> and, when it succeeds, records what <paramref name="describe"/> says it did.</summary>
    public static async Task<Result<T>> AuditedAsync<T>(this Task<Result<T>> work, IAuditTrail audit, Func<T, AuditEvent> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(describe);
        var result = await work;
        if (result.IsSuccess)
        {
            await audit.RecordAsync(describe(result.Value!), cancellationToken);
        }

        return result;
    }
}

/// <summary>Writes <see cref="AuditChannel"/> in kebab case and reads only its names.</summary>
public sealed class AuditChannelJson() : JsonStringEnumConverter<AuditChannel>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);
