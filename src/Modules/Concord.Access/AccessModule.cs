using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Endpoints;
using Concord.Access.Features.Account;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Directory;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.Access;

/// <summary>The Access module's two public doors, plus its start-up migration.</summary>
public static class AccessModule
{
    internal const string Name = "access";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var legacyAnonymousReads = configuration[AccessOptions.LegacyAnonymousReadsKey];
        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.Section))
            .PostConfigure(o => o.AllowAnonymousPublicReads ??= bool.TryParse(legacyAnonymousReads, out var legacy) ? legacy : null)
            .Validate(AccessOptions.IsValid, $"{AccessOptions.Section}: limits and durations must be positive.")
            .Validate(o => legacyAnonymousReads is null || (bool.TryParse(legacyAnonymousReads, out var legacy) && legacy == o.AnonymousPublicReads),
                $"{AccessOptions.LegacyAnonymousReadsKey} is deprecated: it must be true or false and agree with {AccessOptions.Section}:AllowAnonymousPublicReads; set only the latter.")
            .ValidateOnStart();
        services.AddModuleDbContext<AccessDbContext, SqliteAccessDbContext, PostgresAccessDbContext>(Name);
        services.AddAccessAuthentication();

        services.AddScoped<IPrincipalResolver, PrincipalResolver>();
        services.AddScoped<IAccessDirectory, AccessDirectory>();
        services.AddScoped<IAccessAdmin, AccessAdmin>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<UserService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<SharingGroupService>();
        services.AddScoped<PeerNodeService>();
        services.AddScoped<MeDescriber>();
        services.AddSingleton<TotpPending>();
        services.AddScoped<IAccountService, AccountService>();
        services.AddScoped<IAccessManagement, AccessManagement>();
        services.AddSingleton<AuditDefaults>();
        services.AddScoped<IAuditTrail, Features.Audit.AuditTrail>();
        services.AddScoped<IAuditLog, Features.Audit.AuditLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        AuthEndpoints.Map(endpoints);
        MeEndpoints.Map(endpoints);
        OrganisationEndpoints.Map(endpoints);
        UserEndpoints.Map(endpoints);
        ApiKeyEndpoints.Map(endpoints);
        SharingGroupEndpoints.Map(endpoints);
        PeerEndpoints.Map(endpoints);
        AuditEndpoints.Map(endpoints);
        return endpoints;
    }

    /// <summary>
    /// The Access module's request checks that must run after authentication: REST writes riding on the session cookie
    /// are refused unless they are JSON from this node's own origin (cross-site request forgery).
    /// </summary>
    public static IApplicationBuilder UseAccessRequestChecks(this IApplicationBuilder app) => app.UseMiddleware<CookieWriteGuard>();

    public static async Task MigrateAccessAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (services.GetRequiredService<IConfiguration>()[AccessOptions.LegacyAnonymousReadsKey] is not null)
        {
            Log.LegacyAnonymousReadsSetting(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessModule)),
                AccessOptions.LegacyAnonymousReadsKey, $"{AccessOptions.Section}:AllowAnonymousPublicReads");
        }

        await services.MigrateModuleAsync<AccessDbContext>(cancellationToken);
    }
}
