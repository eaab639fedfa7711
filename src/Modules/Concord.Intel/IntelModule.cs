using Concord.Intel.Data;
using Concord.Intel.Endpoints;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Feeds;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Objects;
using Concord.Intel.Features.Scoring;
using Concord.Intel.Jobs;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Data;
using Concord.Platform.Feeds;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel;

/// <summary>The Intel module's two public doors, plus its start-up migration.</summary>
public static class IntelModule
{
    /// <summary>The module's name in storage (its migrations history table).</summary>
    public const string Name = "intel";

    public static IServiceCollection AddIntel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntelOptions>().Bind(configuration.GetSection(IntelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddModuleDbContext<IntelDbContext, SqliteIntelDbContext, PostgresIntelDbContext>(Name);
        services.AddSingleton<IngestGate>();
        services.AddSingleton<IngestSinks>();
        services.AddSingleton<JobProgress>();
        services.AddSingleton<Spool>();
        services.AddSingleton<Features.Cursors.NodeKeys>();
        services.AddSingleton<IPageCursors, Features.Cursors.PageCursors>();
        services.AddScoped<IntelStore>();
        services.AddScoped<IIntelStore>(sp => sp.GetRequiredService<IntelStore>());
        services.AddScoped<ImportJobService>();
        services.AddScoped<IImportJobs>(sp => sp.GetRequiredService<ImportJobService>());
        services.AddHostedService<ImportJobRunner>();
        services.AddSingleton<IImportRouting, ImportRouting>();
        services.AddScoped<ITaxiiObjectSource, Features.Taxii.TaxiiObjectSource>();
        services.AddScoped<IIntelAuthoring, Features.Authoring.AuthoringService>();
        services.AddScoped<IIntelExplorer, Features.Explore.ExplorerService>();
        services.AddCorrelation(configuration);
        services.AddScoped<IIntelStats, Features.Stats.IntelStats>();
        services.AddScoped<IIntelExports, Features.Export.IntelExports>();
        services.AddScoped<ITextImport, Features.FreeText.TextImportService>();
        services.AddScoped<Features.MispFeed.MispFeed>();
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        services.AddSingleton<DecayModel>();
        services.AddFollower<ScoreFollower>(JobPollInterval);
        services.AddScoped<Features.Sightings.IndicatorTargets>();
        services.AddScoped<ISightings, Features.Sightings.SightingService>();
        services.AddScoped<SightingReach>();
        services.AddSingleton<Features.Objects.ContentHashFill>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Objects.ContentHashFill>());
        services.AddFollower<Features.Alerts.AlertFollower>(JobPollInterval);
        services.AddScoped<IChangeFeed, Features.Feed.IntelChangeFeed>();
        services.AddSingleton<Features.Feed.WithdrawalMarks>();
        services.AddScoped<IWithdrawals, Features.Feed.WithdrawalSource>();
        services.AddScoped<IHitAlerts, Features.Alerts.HitAlerts>();
        services.AddFollower<Features.Blind.BlindFollower>(JobPollInterval);
        services.AddScoped<IBlindLookups, Features.Blind.BlindLookups>();
        services.AddNotificationKind<Features.Alerts.HitAlertRenderer>(Features.Alerts.HitAlertRenderer.Kind);
        services.AddScoped<Access.IAudienceReferences, Features.Audiences.IntelAudienceReferences>();
        services.AddScoped<Features.Administration.NodeHealthReader>();
        services.AddScoped<IIntelAdministration, Features.Administration.IntelAdministration>();
        services.AddFeeds();
        services.AddScoped<Features.MispApi.MispApiEvents>();
        services.AddScoped<Features.MispApi.MispSearch>();
        services.AddScoped<Features.MispApi.MispWrites>();
        services.AddScoped<Features.MispApi.MispSightings>();
        return services;
    }

    /// <summary>How often followers look for writes another process made on the same database.</summary>
    private static TimeSpan JobPollInterval(IServiceProvider services) => services.GetRequiredService<IOptions<IntelOptions>>().Value.JobPollInterval;

    public static IEndpointRouteBuilder MapIntelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapObjectEndpoints();
        endpoints.MapImportEndpoints();
        endpoints.MapJobEndpoints();
        endpoints.MapCorrelationEndpoints();
        endpoints.MapSightingEndpoints();
        endpoints.MapAlertEndpoints();
        endpoints.MapStatsEndpoints();
        endpoints.MapFeedEndpoints();
        endpoints.MapExportEndpoints();
        endpoints.MapTextImportEndpoints();
        endpoints.MapMispFeedEndpoints();
        return endpoints;
    }

    /// <summary>The MISP-compatible API PyMISP scripts use, at <c>/misp</c> beside the node's own API (README, "Using PyMISP").</summary>
    public static IEndpointRouteBuilder MapIntelMispEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMispEndpoints();
        return endpoints;
    }

    public static async Task MigrateIntelAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<IntelDbContext>(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntelDbContext>();

        // Before the node serves anything: the repairs an upgrade left to do (a mark says which). The checks below run on
        // every start of every CLI verb, so they are plain SQL (PlainSql says why).
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntelModule));
        var marks = await db.Database.ListAsync(
            "SELECT name FROM intel_follower_marks WHERE name IN (@p0, @p1)", r => r.GetString(0), cancellationToken, BadTextRepair.Mark, GranularTlpPass.Mark);
        if (marks.Contains(BadTextRepair.Mark))
        {
            await BadTextRepair.RunAsync(db, logger, cancellationToken);
        }

        if (marks.Contains(GranularTlpPass.Mark))
        {
            await GranularTlpPass.RunAsync(db, logger, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<Features.Cursors.NodeKeys>().LoadAsync(db, cancellationToken);
        await Features.Stats.CountTriggers.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<IngestSinks>().Provider, cancellationToken);

        // Spool files a killed upload or synchronous import left behind (a queued or running job's file stays).
        var jobFiles = await db.Database.ListAsync(
            "SELECT spool_file FROM intel_import_jobs WHERE state IN (@p0, @p1)", r => r.GetString(0), cancellationToken, (int)ImportJobState.Queued, (int)ImportJobState.Running);
        var removed = scope.ServiceProvider.GetRequiredService<Spool>().RemoveOrphans(jobFiles.Select(Path.GetFullPath).ToHashSet());
        if (removed > 0)
        {
            Log.SpoolOrphansRemoved(logger, removed);
        }
    }
}
