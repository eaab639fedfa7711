using Concord.IntegrationTests.LeakHarness.Paths;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>Every read path the harness checks. A new path is one class and one line here.</summary>
public static class ReadPaths
{
    public static IReadOnlyList<IReadPath> All { get; } =
    [
        new RestObjects(), new StoreQueries(), new TaxiiObjects(), new ExplorerLinks(), new CorrelationPaths(),
        new SightingPaths(), new WebPages(), new Dashboard(), new AlertPaths(), new MispApiPaths(), new ExportPaths(),
        new MispFeedPaths(), new PeoplePaths(), new RoutingPaths(), new CasePaths(), new RequestPaths(), new WithdrawalPaths(), new ProvenancePaths(), new PushPaths(),
        new BlindLookupPaths(),
    ];
}
