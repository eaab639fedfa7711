using Concord.Access;
using Concord.Platform.Audit;

namespace Concord.Host.Cli;

/// <summary>
/// The node's services for a CLI verb that works on the local store: built and migrated like <c>serve</c>, but
/// without Kestrel, without the demo, and with logs on stderr so stdout carries only data.
/// </summary>
internal static class LocalNode
{
    public static async Task<WebApplication> BuildAsync(CliContext context, CancellationToken cancellationToken)
    {
        var app = await ConcordApp.BuildAsync(
            serve: false,
            configure: builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Concord:Demo:Enabled"] = "false",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:Microsoft"] = "Warning",
                    ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
                });
                context.Configure?.Invoke(builder.Configuration);
            },
            cancellationToken: cancellationToken);

        // What this process writes is the command line's doing (the audit trail's channel).
        app.Services.GetRequiredService<AuditDefaults>().Actor = AuditActor.Node(AuditChannel.Cli);
        return app;
    }

    /// <summary>Finds an organisation by name (case-insensitive) or id; with no name, the only one there is.</summary>
    public static async Task<OrganisationInfo> OrganisationAsync(IServiceProvider services, string? nameOrId, CancellationToken cancellationToken)
    {
        var organisations = await services.GetRequiredService<IAccessDirectory>().ListOrganisationsAsync(cancellationToken);
        if (nameOrId is null)
        {
            return organisations.Count == 1
                ? organisations[0]
                : throw CliException.Usage(organisations.Count == 0
                    ? "this node has no organisations yet; create one with 'concord admin org create'."
                    : $"--org is required; this node has {organisations.Count} organisations (see 'concord admin org list').");
        }

        return organisations.FirstOrDefault(o => string.Equals(o.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
            ?? organisations.FirstOrDefault(o => Guid.TryParse(nameOrId, out var id) && o.Id == id)
            ?? throw new CliException($"no organisation named '{nameOrId}' (see 'concord admin org list').");
    }

    /// <summary>
    /// The principal a CLI verb acts as: an analyst of <paramref name="organisation"/> — not a node admin, so
    /// an export reads exactly what that organisation's members read through the API. Resolved by Access from
    /// the claims an analyst's session carries, so the organisation's sharing groups and recipient lists count.
    /// </summary>
    public static async Task<Principal> PrincipalAsync(IServiceProvider services, OrganisationInfo organisation, CancellationToken cancellationToken)
    {
        services.GetRequiredService<AuditDefaults>().Actor = AuditActor.Node(AuditChannel.Cli, organisation.Id);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPrincipalResolver>()
            .ForOrganisationAsync(organisation.Id, Role.Analyst, "concord-cli", cancellationToken);
    }
}
