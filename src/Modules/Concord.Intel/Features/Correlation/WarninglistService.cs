using Concord.Intel.Observables.Warninglists;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Features.Correlation;

/// <summary>
/// Loads the configured warninglists into the <see cref="WarninglistCatalog"/> when the node starts and on reload.
/// No folder configured: no lists. A folder that cannot be read leaves the node running with no lists, and says so.
/// </summary>
internal sealed class WarninglistService(WarninglistCatalog catalog, IOptions<WarninglistOptions> options, ILogger<WarninglistService> logger) : IHostedService
{
    private readonly Lock _first = new();
    private bool _loaded;

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Directory);

    /// <summary>The lists in force, loading them first if nothing has yet (a CLI verb runs no hosted services).</summary>
    public WarninglistSnapshot Current
    {
        get
        {
            lock (_first)
            {
                if (!_loaded)
                {
                    Reload();
                }
            }

            return catalog.Current;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Loads the folder again; returns what could not be loaded (the rest is in force).</summary>
    public IReadOnlyList<WarninglistProblem> Reload()
    {
        _loaded = true;
        if (!Configured)
        {
            return [];
        }

        var problems = catalog.Reload(options.Value.Directory!);
        Log.WarninglistsLoaded(logger, catalog.Current.Lists.Count, problems.Count);
        return problems;
    }
}
