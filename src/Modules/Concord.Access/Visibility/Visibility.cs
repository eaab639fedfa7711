using System.Linq.Expressions;
using Concord.Stix;

namespace Concord.Access;

/// <summary>
/// The one component that decides who may read what. Every read path — REST, TAXII, UI, search,
/// correlation, exports, federation — asks it, either per record (<see cref="MayRead"/>) or by filtering a
/// query (<see cref="Filter{T}"/>); both are built from the same rules so they cannot disagree.
/// </summary>
/// <remarks>
/// The TLP cap is enforced again at read time, not only at write time: if a record's TLP and scope ever
/// disagree (a later, more restrictive marking; a bug; a hand-edited row) the narrower one wins. Roles grant
/// no read access: a node administrator operates the node but does not read other members' TLP:RED.
/// </remarks>
public static partial class Visibility
{
    public static bool MayRead(Principal principal, IShareable record)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(record);
        return Filter<IShareable>(principal).Compile()(record);
    }

    /// <summary>Narrows a query over shareable records to those <paramref name="principal"/> may read.</summary>
    public static IQueryable<T> Apply<T>(this IQueryable<T> query, Principal principal)
        where T : class, IShareable => query.Where(Filter<T>(principal));

    /// <summary>The read rule as an expression a database can run.</summary>
    public static Expression<Func<T, bool>> Filter<T>(Principal principal)
        where T : IShareable
    {
        ArgumentNullException.ThrowIfNull(principal);
        var record = Expression.Parameter(typeof(T), "r");
        var owner = Property(record, nameof(IShareable.OwnerOrgId));
        var tlp = Expression.Convert(Property(record, nameof(IShareable.Tlp)), typeof(int));
        var scope = Expression.Convert(Property(record, nameof(IShareable.Scope)), typeof(int));
        var audience = Property(record, nameof(IShareable.AudienceId));

        Expression ScopeAtLeast(Scope s) => Expression.GreaterThanOrEqual(scope, Expression.Constant((int)s));
        Expression ScopeIs(Scope s) => Expression.Equal(scope, Expression.Constant((int)s));
        Expression TlpAtMost(Tlp t) => Expression.LessThanOrEqual(tlp, Expression.Constant((int)t));

        // Public: CLEAR and scoped public. Everyone may read it.
        Expression rule = Expression.AndAlso(ScopeIs(Scope.Public), TlpAtMost(Tlp.Clear));

        switch (principal.Kind)
        {
            case PrincipalKind.Anonymous:
                break;

            case PrincipalKind.PeerNode:
                // A peer reads what was shared beyond this node, and only GREEN or CLEAR.
                rule = Expression.OrElse(rule, Expression.AndAlso(ScopeAtLeast(Scope.ConnectedNodes), TlpAtMost(Tlp.Green)));
                break;

            case PrincipalKind.Member when principal.OrganisationId is { } org:
                var own = Expression.Equal(owner, Captured(org));
                var community = Expression.AndAlso(ScopeAtLeast(Scope.Alliance), TlpAtMost(Tlp.Green));
                var audiences = principal.AudienceIds.Select(id => (Guid?)id).ToList();
                var inAudience = Expression.Call(
                    Captured(audiences),
                    typeof(List<Guid?>).GetMethod(nameof(List<Guid?>.Contains))!,
                    audience);
                var recipients = Expression.AndAlso(ScopeIs(Scope.Recipients), inAudience);
                var group = Expression.AndAlso(
                    Expression.AndAlso(ScopeIs(Scope.SharingGroup), TlpAtMost(Tlp.AmberStrict)),
                    inAudience);
                rule = Expression.OrElse(rule, Expression.OrElse(own, Expression.OrElse(community, Expression.OrElse(recipients, group))));
                break;

            case PrincipalKind.Member:
                // A member principal without an organisation reads what anonymous readers read: fail closed.
                break;
        }

        return Expression.Lambda<Func<T, bool>>(rule, record);
    }

    /// <summary>
    /// The principal's values enter the rule as reads of a captured object, never as constants: EF Core turns such
    /// reads into SQL parameters, so every caller shares one compiled query. As constants, each new audience list
    /// made a new query shape — a full query compilation on every request, and a cache that grows with callers.
    /// </summary>
    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Field(Expression.Constant(new Capture<TValue>(value)), nameof(Capture<TValue>.Value));

    private sealed class Capture<TValue>(TValue value)
    {
#pragma warning disable CA1051 // A field read of a captured object is what EF Core parameterizes.
        public readonly TValue Value = value;
#pragma warning restore CA1051
    }

    private static MemberExpression Property(ParameterExpression record, string name)
    {
        // Resolve on the concrete type when it has the property (what EF maps); fall back to the interface.
        var property = record.Type.GetProperty(name) ?? typeof(IShareable).GetProperty(name)!;
        return Expression.Property(property.DeclaringType == record.Type ? record : Expression.Convert(record, typeof(IShareable)), property);
    }
}
