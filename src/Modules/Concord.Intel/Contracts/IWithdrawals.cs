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
/// earlier one), in microseconds since the epoch, at position <see cref="Sequence"/> of the store.
/// </summary>
public sealed record Withdrawal(long Sequence, string Id, Guid OwnerOrgId, WithdrawalKind Kind, long VersionUs);

/// <summary>Withdrawals in store order; read on after <see cref="Position"/> while <see cref="More"/>.</summary>
public sealed record WithdrawalPage(IReadOnlyList<Withdrawal> Items, long Position, bool More);

/// <summary>
/// What a reader could read and may no longer hold, in store order: deleted versions it could read, and copies whose
/// owner narrowed them beyond it. A reader that keeps copies (a peer node) follows it from a position to remove them.
/// It names only records the reader could read before: what it never could stays unmentioned, so the feed is no
/// oracle of hidden records.
/// </summary>
public interface IWithdrawals
{
    /// <summary>The store's current position: withdrawals read after it are the ones from now on.</summary>
    Task<long> PositionAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> withdrawals for <paramref name="principal"/> after <paramref name="after"/>.</summary>
    Task<WithdrawalPage> ReadAsync(Principal principal, long after, int limit, CancellationToken cancellationToken);
}
