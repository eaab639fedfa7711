using System.Security.Claims;
using Concord.Platform.Audit;

namespace Concord.Access;

/// <summary>One audit entry as its readers see it (ids, not names; the UI resolves organisation names).</summary>
public sealed record AuditEntryInfo(
    long Seq,
    DateTimeOffset At,
    string ActorKind,
    Guid? ActorId,
    Guid? ActorOrganisationId,
    AuditChannel Channel,
    string? Address,
    string Action,
    string? TargetType,
    string? TargetId,
    Guid? TargetOrganisationId,
    string? Detail,
    bool Succeeded);

/// <summary>A filter over the audit trail, newest first; <see cref="Before"/> is the cursor of the next page.</summary>
public sealed record AuditQuery(
    string? Action = null,
    Guid? Organisation = null,
    Guid? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? Before = null,
    int Limit = 100)
{
    public const int MaxLimit = 1000;
}

/// <summary>A page of entries, newest first; <see cref="Next"/> is the <see cref="AuditQuery.Before"/> of the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryInfo> Entries, long? Next);

/// <summary>
/// The outcome of checking the chain: intact with its length and the newest entry's hash (keep it elsewhere: a later
/// check that does not reach the same hash at that entry shows the trail was rewritten), or the first entry that was
/// changed, removed or reordered.
/// </summary>
public sealed record AuditVerification(bool Intact, long Entries, string? HeadHash, long? FirstBadSeq, string? Problem);

/// <summary>
/// Reading the audit trail. The secretariat and node admins read all of it; an organisation's admins the entries of its
/// people and about its records; everyone their own sign-ins.
/// </summary>
public interface IAuditLog
{
    /// <summary>The entries <paramref name="reader"/> may read that match <paramref name="query"/>; Forbidden for a reader with no audit role.</summary>
    Task<Concord.Platform.Result<AuditPage>> QueryAsync(ClaimsPrincipal reader, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry matching <paramref name="query"/>: for the node itself (the CLI on the node's own store), never for a request.</summary>
    Task<Concord.Platform.Result<AuditPage>> QueryAllAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>The reader's own sign-ins and failed sign-ins on their account, newest first.</summary>
    Task<IReadOnlyList<AuditEntryInfo>> SignInsAsync(ClaimsPrincipal reader, int limit, CancellationToken cancellationToken);

    /// <summary>Checks the whole chain, in order.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}

/// <summary>The actions Access records.</summary>
public static class AccessAuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignOut = "sign-out";
}
