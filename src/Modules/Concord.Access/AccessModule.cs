using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Endpoints;
using Concord.Access.Features.Account;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Directory;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Access;

/// <summary>The Access module's two public doors, plus its start-up migration.</summary>
public static class AccessModule
{
    internal const string Name = "access";

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.Section))
            .Validate(AccessOptions.IsValid, $"{AccessOptions.Section}: limits and durations must be positive.")
            .ValidateOnStart();
        services.AddModuleDbContext<AccessDbContext, SqliteAccessDbContext, PostgresAccessDbContext>(Name);
        services.AddAccessAuthentication();

        services.AddSingleton<AudienceCache>();
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
        return endpoints;
    }

    public static async Task MigrateAccessAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<AccessDbContext>(cancellationToken);
    }
}
