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
        var tlp = markingTlp ?? FallbackTlp;
        var scope = Scope ?? DefaultScope(tlp);
        return (tlp, scope, Distribution.Check(tlp, scope, AudienceId));
    }

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
