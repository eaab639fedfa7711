using System.Linq.Expressions;

namespace Concord.Access;

/// <summary>One reason a reader may read a record (<see cref="Visibility.Branches{T}"/>): its kind and its rule.</summary>
public sealed record ReadReason<T>(ReadReasonKind Kind, Expression<Func<T, bool>> Rule)
    where T : IShareable;

/// <summary>
/// What a <see cref="ReadReason{T}"/> fixes about the records it admits, which tells a store the index to walk:
/// <see cref="Own"/> fixes the owner, <see cref="Audience"/> the audience, the others only TLP and scope.
/// </summary>
public enum ReadReasonKind
{
    Public,
    Peers,
    Own,
    Alliance,
    Audience,
}
