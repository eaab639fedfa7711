using Concord.Teams.Data;
using Concord.Teams.Endpoints;
using Concord.Teams.Features.People;
using Concord.Teams.Features.Routing;
using Concord.Teams.Features.Teams;
using Concord.Teams.Features.Whose;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Feeds;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Teams;

/// <summary>
/// The Teams module (DESIGN.md's "Directory"): team profiles, constituencies, keys, people and "whose is this?". Named Teams, not
/// Directory, because a <c>Concord.Directory</c> namespace would shadow <c>System.IO.Directory</c> in every Concord namespace.
/// </summary>
public static class TeamsModule
{
    public const string Name = "teams";

    /// <summary>How often constituency routing looks for new records of its sources (it is not told of their writes).</summary>
    private static readonly TimeSpan RoutingPoll = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddModuleDbContext<TeamsDbContext, SqliteTeamsDbContext, PostgresTeamsDbContext>(Name);
        services.AddSingleton<WhoseIndex>();
        services.AddScoped<ITeamDirectory, TeamDirectory>();
        services.AddScoped<ITeamPeople, TeamPeople>();
        services.AddScoped<IConstituencyRouting, RoutingSettingsService>();
        services.AddNotificationKind<ConstituencyHitRenderer>(ConstituencyHitRenderer.Kind);
        services.AddFollower<RoutingFollower>(_ => RoutingPoll);
        return services;
    }

    public static async Task MigrateTeamsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<TeamsDbContext>(cancellationToken);
    }

    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTeamEndpoints();
        endpoints.MapPeopleEndpoints();
        endpoints.MapRoutingEndpoints();
        return endpoints;
    }
}
