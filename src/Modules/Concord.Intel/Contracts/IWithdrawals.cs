using Concord.Access;

namespace Concord.Intel;

/// <summary>Why a reader may no longer hold what it could read.</summary>
public enum WithdrawalKind
{
    /// <summary>The owner deleted this version.</summary>
    Deleted,

    /// <summary>
    /// The owner's newer version may not be read by the reader (a stricter TLP, a narrower scope, other recipients):
    /// every version of the copy up to <see cref="Withdrawal.VersionUs"/> must go.
    /// </summary>
    Retracted,
}

/// <summary>
/// One record a reader could read and must let go: the copy (<see cref="Id"/> of <see cref="OwnerOrgId"/>) and the
/// version (<see cref="WithdrawalKind.Deleted"/>: exactly it; <see cref="WithdrawalKind.Retracted"/>: it and every
/// earlier one), in microseconds since the epoch, at <see cref="At"/> (when it was deleted or narrowed, microseconds).
/// </summary>
public sealed record Withdrawal(long At, string Id, Guid OwnerOrgId, WithdrawalKind Kind, long VersionUs);

/// <summary>Withdrawals in order; read on after <see cref="Position"/> while <see cref="More"/>.</summary>
public sealed record WithdrawalPage(IReadOnlyList<Withdrawal> Items, long Position, bool More);

/// <summary>
/// What a reader could read and may no longer hold, in store order: deleted versions it could read, and copies whose
/// owner narrowed them beyond it. A reader that keeps copies (a peer node) follows it to remove them.
/// It names only records the reader could read before, and its positions are the reader's own: the time (microseconds
/// since the epoch) of the last change the reader can see — a version it may read stored, such a version deleted, a
/// copy it could read narrowed. What the reader may not read never moves a position, so neither the list nor the
/// position is an oracle of hidden records.
/// </summary>
public interface IWithdrawals
{
    /// <summary>The reader's position: when the last change it can see happened (0: none yet).</summary>
    Task<long> PositionAsync(Principal reader, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> withdrawals for <paramref name="reader"/> that happened after <paramref name="after"/>.</summary>
    Task<WithdrawalPage> ReadAsync(Principal reader, long after, int limit, CancellationToken cancellationToken);
}
