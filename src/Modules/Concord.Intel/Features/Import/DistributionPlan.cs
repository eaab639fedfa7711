using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Decides each imported object's TLP and scope: TLP from its markings, else <see cref="FallbackTlp"/> (the
/// request's TLP, else the organisation's default). Scope is the request's, else the audience's kind, else the
/// narrow safe default: the alliance for CLEAR and GREEN, the owner only for AMBER, AMBER+STRICT and RED — an
/// import never becomes more widely readable than the importer asked for.
/// </summary>
internal sealed record DistributionPlan(Guid OwnerOrgId, Tlp FallbackTlp, Scope? Scope, Guid? AudienceId)
{
    public (Tlp Tlp, Scope Scope, Error? Error) For(Tlp? markingTlp)
    {
        var (tlp, scope, _, error) = For(markingTlp, null);
        return (tlp, scope, error);
    }

    /// <summary>
    /// As <see cref="For(Tlp?)"/>, with the scope the source asks for (MISP's distribution) when the request named none:
    /// the request's scope and audience always win; a source's scope wider than the TLP allows is narrowed to the widest
    /// the TLP allows without an audience (a source cannot name our recipients), never refused.
    /// </summary>
    public (Tlp Tlp, Scope Scope, Guid? AudienceId, Error? Error) For(Tlp? markingTlp, ScopeHint? hint)
    {
        var tlp = markingTlp ?? FallbackTlp;
        if (Scope is not null || AudienceId is not null || hint is not { } asked)
        {
            var scope = Scope ?? DefaultScope(tlp);
            return (tlp, scope, AudienceId, Distribution.Check(tlp, scope, AudienceId));
        }

        if (asked.Scope > Distribution.MaxScope(tlp) || (asked.Scope is Access.Scope.Recipients or Access.Scope.SharingGroup && asked.AudienceId is null))
        {
            asked = new ScopeHint(WidestWithoutAudience(tlp));
        }

        return (tlp, asked.Scope, asked.AudienceId, Distribution.Check(tlp, asked.Scope, asked.AudienceId));
    }

    /// <summary>The widest scope a TLP allows that needs no named audience.</summary>
    public static Scope WidestWithoutAudience(Tlp tlp) => Distribution.MaxScope(tlp) switch
    {
        Access.Scope.Recipients or Access.Scope.SharingGroup => Access.Scope.Owner,
        var widest => widest,
    };

    public static Scope DefaultScope(Tlp tlp) => tlp switch
    {
        Tlp.Clear or Tlp.Green => Access.Scope.Alliance,
        Tlp.Amber or Tlp.AmberStrict or Tlp.Red => Access.Scope.Owner,
    };

    /// <summary>Resolves the request's options against the directory; refuses impossible combinations up front.</summary>
    public static async Task<Result<DistributionPlan>> ResolveAsync(Principal principal, ImportOptions options, IAccessDirectory directory, CancellationToken cancellationToken)
    {
        if (principal.Kind != PrincipalKind.Member || principal.OrganisationId is not { } org)
        {
            return Error.Forbidden("Only members of an organisation may import intelligence.");
        }

        if (!principal.HasRole(Role.Analyst))
        {
            return Error.Forbidden("Importing needs the analyst role or higher.");
        }

        if (options.Recipients.Count > 0 && options.SharingGroupId is not null)
        {
            return Error.Validation("sharing_group", "audience-conflict", "Give either recipients or a sharing group, not both.");
        }

        Guid? audience = null;
        Scope? scope = options.Scope;
        if (options.Recipients.Count > 0)
        {
            var resolved = await directory.ResolveRecipientsAsync(org, options.Recipients, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            audience = resolved.Value;
            scope ??= Access.Scope.Recipients;
        }
        else if (options.SharingGroupId is { } group)
        {
            var resolved = await directory.ResolveSharingGroupAsync(org, group, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            audience = resolved.Value;
            scope ??= Access.Scope.SharingGroup;
        }

        var organisation = await directory.FindOrganisationAsync(org, cancellationToken);
        var fallback = options.Tlp ?? organisation?.DefaultTlp ?? Tlp.Amber;
        if (scope is { } s && Distribution.Check(fallback, s, audience) is { } error && (options.Tlp is not null || error.Rule != "scope-wider-than-tlp"))
        {
            return error;
        }

        return new DistributionPlan(org, fallback, scope, audience);
    }
}
