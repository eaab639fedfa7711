using Concord.Access;
using Concord.Intel;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Objects;
using Concord.Intel.Jobs;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// A real node (real database) whose Intel store is driven at service level with explicit principals. The
/// directory of organisations and audiences is a small in-memory one, so visibility can be set up precisely.
/// </summary>
internal sealed class IntelHarness : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private IntelHarness(TestNode node)
    {
        Node = node;
        _scope = node.Services.CreateAsyncScope();
    }

    public TestNode Node { get; }

    public TestDirectory Directory { get; } = new();

    public IntelDbContext Db => _scope.ServiceProvider.GetRequiredService<IntelDbContext>();

    public IIntelStore Store => ConcreteStore;

    private IntelStore ConcreteStore => new(
        Db,
        Node.Services.GetRequiredService<IngestSinks>(),
        Node.Services.GetRequiredService<IngestGate>(),
        Directory,
        Node.Services.GetRequiredService<IOptions<IntelOptions>>(),
        Node.Services.GetRequiredService<Concord.Intel.Features.Correlation.WarninglistService>(),
        Node.Services.GetRequiredService<Concord.Intel.Features.Scoring.ScoreFollower>(),
        Node.Services.GetRequiredService<Concord.Intel.Features.Alerts.AlertFollower>(),
        Node.Services.GetRequiredService<Concord.Intel.Features.Scoring.DecayModel>(),
        Node.Time,
        Audit);

    /// <summary>Exports over <see cref="Store"/> and the harness's directory.</summary>
    public Concord.Intel.Features.Export.IntelExports Exports =>
        new(ConcreteStore, Directory, Audit, Db, Node.Services.GetRequiredService<Concord.Intel.Features.Correlation.WarninglistService>());

    /// <summary>The node's audit trail (the harness's calls are the node's own: no request).</summary>
    public IAuditTrail Audit => _scope.ServiceProvider.GetRequiredService<IAuditTrail>();

    public IIntelAuthoring Authoring => new Concord.Intel.Features.Authoring.AuthoringService(Db, Store, Node.Time);

    public IIntelExplorer Explorer => new Concord.Intel.Features.Explore.ExplorerService(
        Db, Store, Node.Services.GetRequiredService<Concord.Intel.Features.Scoring.DecayModel>(), Directory, Node.Time);

    public ImportJobService Jobs => new(
        Db,
        Directory,
        Node.Services.GetRequiredService<Spool>(),
        Node.Services.GetRequiredService<JobProgress>(),
        Node.Services.GetRequiredService<IOptions<IntelOptions>>(),
        Node.Time,
        Audit);

    public static async Task<IntelHarness> StartAsync(Store store, IDictionary<string, string?>? settings = null) =>
        new(await TestNode.StartAsync(store, settings));

    /// <summary>A second node over this one's database and data folder, as a restarted or second process would be.</summary>
    /// <summary>
    /// A restart: this node stops (its background services with it, as when its process ends) and a new one starts on
    /// the same database. With both alive, their background services raced over one store, and once the new host was
    /// stopped while it bound its port.
    /// </summary>
    public async Task<TestNode> StartOverAsync(Store store)
    {
        var storage = Node.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await Node.StopAsync();
        return await TestNode.StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Storage:DataDirectory"] = storage.DataDirectory,
            ["Concord:Storage:ConnectionString"] = storage.ConnectionString,
        });
    }

    public static Principal Member(Guid org, Role role = Role.Analyst, params Guid[] audiences) =>
        new(PrincipalKind.Member, org, new HashSet<Guid>(audiences), role, $"member of {org:N}");

    public async Task<ImportReport> ImportAsync(Principal principal, string bundle, ImportOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bundle));
        var result = await Store.ImportAsync(principal, stream, options ?? new ImportOptions(), null, TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await Node.DisposeAsync();
    }
}

/// <summary>An in-memory <see cref="IAccessDirectory"/>: organisations with default TLPs and audiences with members.</summary>
internal sealed class TestDirectory : IAccessDirectory
{
    private readonly Dictionary<Guid, OrganisationInfo> _organisations = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _audiences = [];

    public Guid AddOrganisation(Tlp defaultTlp = Tlp.Amber)
    {
        var id = Guid.NewGuid();
        _organisations[id] = new OrganisationInfo(id, $"Org {id:N}", "NL", OrganisationType.GovernmentAgency, null, defaultTlp);
        return id;
    }

    /// <summary>A sharing group (or recipient list) of these organisations; its id is the audience id.</summary>
    public Guid AddAudience(params Guid[] members)
    {
        var id = Guid.NewGuid();
        _audiences[id] = [.. members];
        return id;
    }

    public Task<OrganisationInfo?> FindOrganisationAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_organisations.GetValueOrDefault(id));

    public Task<IReadOnlyList<OrganisationInfo>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrganisationInfo>>([.. _organisations.Values]);

    /// <summary>Organisations here have no accounts: nobody to notify.</summary>
    public Task<IReadOnlyList<MemberContact>> ListMembersAsync(Guid? organisationId, Role minimumRole, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MemberContact>>([]);

    public Task<MemberContact?> FindMemberAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult<MemberContact?>(null);

    public Guid? UserIdOf(System.Security.Claims.ClaimsPrincipal user) => null;

    public Task<Result<Guid>> ResolveRecipientsAsync(Guid ownerOrgId, IReadOnlyCollection<Guid> recipientOrgIds, CancellationToken cancellationToken)
    {
        var members = recipientOrgIds.Append(ownerOrgId).ToHashSet();
        if (recipientOrgIds.FirstOrDefault(r => !_organisations.ContainsKey(r)) is var unknown && unknown != Guid.Empty)
        {
            return Task.FromResult<Result<Guid>>(Error.Validation("recipients", "organisation-unknown", $"No organisation {unknown}."));
        }

        var existing = _audiences.FirstOrDefault(a => a.Value.SetEquals(members)).Key;
        return Task.FromResult<Result<Guid>>(existing != Guid.Empty ? existing : AddAudience([.. members]));
    }

    public Task<AudienceInfo?> FindAudienceAsync(Guid audienceId, CancellationToken cancellationToken) =>
        Task.FromResult(_audiences.TryGetValue(audienceId, out var members) ? new AudienceInfo(audienceId, true, $"Group {audienceId:N}", [.. members.Order()]) : null);

    public Task<Result<Guid>> ResolveSharingGroupAsync(Guid ownerOrgId, Guid sharingGroupId, CancellationToken cancellationToken) =>
        Task.FromResult<Result<Guid>>(_audiences.TryGetValue(sharingGroupId, out var members) && members.Contains(ownerOrgId)
            ? sharingGroupId
            : Error.Validation("sharing_group", "sharing-group-unknown", "No such sharing group of the owner."));
}
