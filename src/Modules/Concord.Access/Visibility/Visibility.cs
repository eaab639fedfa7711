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

    /// <summary>The read rule as an expression a database can run: the disjunction of <see cref="Branches{T}"/>.</summary>
    public static Expression<Func<T, bool>> Filter<T>(Principal principal)
        where T : IShareable
    {
        // The branches share one parameter: their bodies combine as they are. The audiences are one list here (one
        // query shape whatever their number), one branch each for paging.
        var branches = Reasons<T>(principal, audienceEach: false);
        var rule = branches.Skip(1).Aggregate(branches[0].Rule.Body, (any, branch) => Expression.OrElse(any, branch.Rule.Body));
        return Expression.Lambda<Func<T, bool>>(rule, branches[0].Rule.Parameters[0]);
    }

    /// <summary>
    /// The read rule of every principal of one kind, over the principal's organisation and audiences given as
    /// expressions — a compiled query's parameters (<see cref="Guid"/> and <see cref="List{T}"/> of nullable
    /// <see cref="Guid"/>) — so that one compiled query serves every reader of that kind. Pass the kind
    /// <see cref="RuleKind"/> gives, and the values <see cref="RuleOrganisation"/> and <see cref="RuleAudiences"/> give.
    /// </summary>
    public static Expression<Func<T, bool>> Filter<T>(PrincipalKind kind, Expression organisation, Expression audiences)
        where T : IShareable
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(audiences);
        var branches = Reasons<T>(kind, organisation, audiences, [], audienceEach: false);
        var rule = branches.Skip(1).Aggregate(branches[0].Rule.Body, (any, branch) => Expression.OrElse(any, branch.Rule.Body));
        return Expression.Lambda<Func<T, bool>>(rule, branches[0].Rule.Parameters[0]);
    }

    /// <summary>The kind whose rule <paramref name="principal"/> reads under: a member without an organisation reads as anonymous.</summary>
    public static PrincipalKind RuleKind(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Kind == PrincipalKind.Member && principal.OrganisationId is null ? PrincipalKind.Anonymous : principal.Kind;
    }

    /// <summary>The organisation parameter of <see cref="Filter{T}(PrincipalKind, Expression, Expression)"/> (unused but by members).</summary>
    public static Guid RuleOrganisation(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.OrganisationId ?? Guid.Empty;
    }

    /// <summary>The audiences parameter of <see cref="Filter{T}(PrincipalKind, Expression, Expression)"/>.</summary>
    public static List<Guid?> RuleAudiences(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.AudienceIds.Select(id => (Guid?)id).ToList();
    }

    /// <summary>
    /// The read rule as its separate reasons to read a record, whose disjunction is <see cref="Filter{T}"/>: public;
    /// shared with peers; own; shared with the alliance; one branch per audience the reader is in (a recipient, a
    /// sharing group). A store pages a reader's newest records by walking each reason's own index in order and merging,
    /// instead of walking every record and skipping the ones the reader may not read: a reader behind a million hidden
    /// records then pays for its own, not for them. So that no walk steps over another's rows, a member's branches
    /// overlap as little as the rule allows: the alliance's holds the public records too (there is no public branch),
    /// and the own branch holds only what the alliance's does not (the owner's records not shared with the alliance).
    /// </summary>
    public static IReadOnlyList<ReadReason<T>> Branches<T>(Principal principal)
        where T : IShareable => Reasons<T>(principal, audienceEach: true);

    private static List<ReadReason<T>> Reasons<T>(Principal principal, bool audienceEach)
        where T : IShareable
    {
        ArgumentNullException.ThrowIfNull(principal);
        var kind = RuleKind(principal);
        var organisation = Captured(RuleOrganisation(principal));
        var audiences = Captured(RuleAudiences(principal));
        return Reasons<T>(kind, organisation, audiences, principal.AudienceIds, audienceEach);
    }

    /// <summary>
    /// The reasons of a reader of <paramref name="kind"/> (<see cref="RuleKind"/>), its organisation and audience list as
    /// expressions; with <paramref name="audienceEach"/>, one branch per id of <paramref name="audienceIds"/> instead.
    /// </summary>
    private static List<ReadReason<T>> Reasons<T>(PrincipalKind kind, Expression organisation, Expression audiences, IEnumerable<Guid> audienceIds, bool audienceEach)
        where T : IShareable
    {
        var record = Expression.Parameter(typeof(T), "r");
        var owner = Property(record, nameof(IShareable.OwnerOrgId));
        var tlp = Expression.Convert(Property(record, nameof(IShareable.Tlp)), typeof(int));
        var scope = Expression.Convert(Property(record, nameof(IShareable.Scope)), typeof(int));
        var audience = Property(record, nameof(IShareable.AudienceId));

        Expression ScopeAtLeast(Scope s) => Expression.GreaterThanOrEqual(scope, Expression.Constant((int)s));
        Expression ScopeIs(Scope s) => Expression.Equal(scope, Expression.Constant((int)s));
        Expression TlpAtMost(Tlp t) => Expression.LessThanOrEqual(tlp, Expression.Constant((int)t));
        ReadReason<T> Reason(ReadReasonKind kind, Expression rule) => new(kind, Expression.Lambda<Func<T, bool>>(rule, record));

        // Public: CLEAR and scoped public. Everyone may read it (a member through the alliance's branch when paging).
        var branches = new List<ReadReason<T>>();
        if (!(audienceEach && kind == PrincipalKind.Member))
        {
            branches.Add(Reason(ReadReasonKind.Public, Expression.AndAlso(ScopeIs(Scope.Public), TlpAtMost(Tlp.Clear))));
        }

        switch (kind)
        {
            case PrincipalKind.Anonymous:
                break;

            case PrincipalKind.PeerNode:
                // A peer reads what was shared beyond this node, and only GREEN or CLEAR; and what was shared with recipients
                // or a sharing group naming an organisation its node hosts (its audiences), up to AMBER+STRICT: RED never
                // leaves its node.
                branches.Add(Reason(ReadReasonKind.Peers, Expression.AndAlso(ScopeAtLeast(Scope.ConnectedNodes), TlpAtMost(Tlp.Green))));
                AddAudiences(Expression.AndAlso(Expression.OrElse(ScopeIs(Scope.Recipients), ScopeIs(Scope.SharingGroup)), TlpAtMost(Tlp.AmberStrict)));
                break;

            case PrincipalKind.Member:
                var alliance = Expression.AndAlso(ScopeAtLeast(Scope.Alliance), TlpAtMost(Tlp.Green));

                // Paging: the owner's records the alliance's branch does not hold, in the form of the owner index's filter
                // (ReachOrder), so the database walks that index.
                var notShared = Expression.OrElse(Expression.LessThan(scope, Expression.Constant((int)Scope.Alliance)), Expression.GreaterThan(tlp, Expression.Constant((int)Tlp.Green)));
                var own = Expression.Equal(owner, organisation);
                branches.Add(Reason(ReadReasonKind.Own, audienceEach ? Expression.AndAlso(own, notShared) : own));
                branches.Add(Reason(ReadReasonKind.Alliance, alliance));

                // A recipient reads at any TLP; a sharing group's member up to AMBER+STRICT (a RED record names its recipients).
                AddAudiences(Expression.OrElse(ScopeIs(Scope.Recipients), Expression.AndAlso(ScopeIs(Scope.SharingGroup), TlpAtMost(Tlp.AmberStrict))));
                break;
        }

        return branches;

        // The reader's audiences under a rule: one branch each for paging, else one over the list.
        void AddAudiences(Expression audienceRule)
        {
            if (audienceEach)
            {
                foreach (var id in audienceIds.Order())
                {
                    var inAudience = Expression.Equal(audience, Expression.Convert(Captured(id), typeof(Guid?)));
                    branches.Add(Reason(ReadReasonKind.Audience, Expression.AndAlso(inAudience, audienceRule)));
                }
            }
            else
            {
                var inAudience = Expression.Call(audiences, typeof(List<Guid?>).GetMethod(nameof(List<Guid?>.Contains))!, audience);
                branches.Add(Reason(ReadReasonKind.Audience, Expression.AndAlso(inAudience, audienceRule)));
            }
        }
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
