using Concord.Access;
using Concord.Platform;

namespace Concord.Intel;

/// <summary>
/// Blind lookups: "does anyone hold this value?" asked of connected nodes without telling the value to a node that does
/// not already hold it. A question carries keyed hashes (HMAC-SHA256 under the federation secret, which the alliance's
/// node admins share out of band) of normalised values; a node answers each hash with the records the caller may read
/// and, where an owner opted into anonymous hit alerts, only that a member holds it (the owner is alerted).
/// </summary>
public interface IBlindLookups
{
    /// <summary>The most hashes one question may carry.</summary>
    const int MaxHashes = 100;

    /// <summary>The most records one hash is answered with (the first by storage order; a value held more widely is "common").</summary>
    const int MaxRecords = 50;

    /// <summary>The shortest federation secret a node admin may set.</summary>
    const int MinSecretLength = 32;

    /// <summary>Whether blind lookups are on here, the secret's fingerprint, and how far the blind index is built.</summary>
    Task<BlindStatus> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Sets the federation secret (node admins); an empty one turns blind lookups off. The blind index is rebuilt.</summary>
    Task<Result<BlindStatus>> SetSecretAsync(Principal principal, string? secret, CancellationToken cancellationToken);

    /// <summary>Normalises each value and computes its blind hash (for asking peers); a value that is no observable gets an error.</summary>
    Task<Result<IReadOnlyList<BlindQuestion>>> HashAsync(IReadOnlyList<string>? values, CancellationToken cancellationToken);

    /// <summary>Answers a question: per hash, in order, what <paramref name="caller"/> may read and whether an opted-in owner was alerted.</summary>
    Task<Result<BlindAnswer>> AnswerAsync(Principal caller, IReadOnlyList<string>? hashes, CancellationToken cancellationToken);
}

/// <summary>
/// Blind lookups on this node: on when a federation secret is set; <see cref="Fingerprint"/> (a short hash of the
/// secret, never the secret) lets two admins compare theirs; the blind index covers objects up to <see cref="Indexed"/>
/// of <see cref="Newest"/> (storage positions), and <see cref="Ready"/> once it has caught up.
/// </summary>
public sealed record BlindStatus(bool Enabled, string? Fingerprint, long Indexed, long Newest)
{
    public bool Ready => Enabled && Indexed >= Newest;
}

/// <summary>One value to ask about: as given, its kind and canonical form, and its blind hash; or why it is no observable.</summary>
public sealed record BlindQuestion(string Input, string? Kind, string? Value, string? Hash, string? Error);

/// <summary>The answer to a blind question: one entry per hash asked, in order.</summary>
public sealed record BlindAnswer(IReadOnlyList<BlindHit> Answers);

/// <summary>
/// What a node answers for one hash: the records holding the value that the caller may read, and <see cref="Anonymous"/>
/// when a member whose records the caller may not read opted into hit alerts and has been told someone asked. A hash
/// matching nothing and a hash matching only records the caller may not read (of owners who did not opt in) answer alike.
/// </summary>
public sealed record BlindHit(string Hash, IReadOnlyList<BlindRecord> Records, bool Anonymous);

/// <summary>A record the caller may read that holds the asked value: its STIX id, type, name, and owner as this node names it.</summary>
public sealed record BlindRecord(string Id, string Type, string? Name, Guid OwnerId, string Owner, string Tlp);
