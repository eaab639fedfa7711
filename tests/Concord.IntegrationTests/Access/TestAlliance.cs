using System.Net.Http.Headers;
using Concord.Access;
using Concord.Stix;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Access;

/// <summary>
/// Member organisations on a <see cref="TestNode"/>, and HTTP clients that speak for them: each
/// <see cref="ClientAsync"/> creates (once) a user of that organisation with that role and an API key for it, and
/// returns a client sending <c>Authorization: Bearer &lt;key&gt;</c>. Everything goes through <see cref="IAccessAdmin"/>.
/// </summary>
/// <example>
/// <code>
/// await using var node = await TestNode.StartAsync(store);
/// using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
/// var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
/// var group = await alliance.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
/// </code>
/// </example>
public sealed class TestAlliance : IDisposable
{
    private readonly TestNode _node;
    private readonly Dictionary<string, Guid> _organisations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, Role), (HttpClient Client, string Key, Guid UserId)> _members = [];
    private readonly List<HttpClient> _clients = [];

    private TestAlliance(TestNode node) => _node = node;

    /// <summary>Creates the named organisations (country, type and default TLP: <see cref="NewOrganisation"/> defaults, AMBER).</summary>
    public static async Task<TestAlliance> CreateAsync(TestNode node, params string[] organisations)
    {
        ArgumentNullException.ThrowIfNull(node);
        var alliance = new TestAlliance(node);
        foreach (var name in organisations)
        {
            await alliance.AddOrganisationAsync(name);
        }

        return alliance;
    }

    public IReadOnlyDictionary<string, Guid> Organisations => _organisations;

    public Guid OrgId(string organisation) => _organisations[organisation];

    public async Task<Guid> AddOrganisationAsync(string name, string country = "DE", Tlp defaultTlp = Tlp.Amber)
    {
        var created = await WithAdminAsync(a => a.CreateOrganisationAsync(
            new NewOrganisation(name, country, OrganisationType.GovernmentAgency, "Government", defaultTlp), CancellationToken.None));
        _organisations[name] = Ok(created, $"organisation {name}").Id;
        return _organisations[name];
    }

    /// <summary>A client authenticated with an API key of a <paramref name="role"/> user of <paramref name="organisation"/>.</summary>
    public async Task<HttpClient> ClientAsync(string organisation, Role role) => (await MemberAsync(organisation, role)).Client;

    /// <summary>The plaintext API key behind <see cref="ClientAsync"/> (for Basic-with-key or CLI tests).</summary>
    public async Task<string> ApiKeyAsync(string organisation, Role role) => (await MemberAsync(organisation, role)).Key;

    /// <summary>The user id behind <see cref="ClientAsync"/>.</summary>
    public async Task<Guid> UserIdAsync(string organisation, Role role) => (await MemberAsync(organisation, role)).UserId;

    /// <summary>The user name behind <see cref="ClientAsync"/> (its password is <see cref="Password"/>).</summary>
    public static string UserName(string organisation, Role role) => $"{organisation}-{role}".ToLowerInvariant().Replace(' ', '-');

    /// <summary>A client of the same user as <see cref="ClientAsync"/>, authenticating with Basic user name and password.</summary>
    public async Task<HttpClient> PasswordClientAsync(string organisation, Role role)
    {
        await MemberAsync(organisation, role);
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName(organisation, role)}:{Password}")));
        _clients.Add(client);
        return client;
    }

    /// <summary>A client of a peer node registered (through <see cref="IAccessAdmin"/>) as <paramref name="name"/>.</summary>
    public async Task<HttpClient> PeerClientAsync(string name = "peer.example")
    {
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await PeerKeyAsync(name));
        _clients.Add(client);
        return client;
    }

    /// <summary>Registers a peer node and returns its key.</summary>
    public async Task<string> PeerKeyAsync(string name) =>
        Ok(await WithAdminAsync(a => a.CreatePeerNodeAsync(name, CancellationToken.None)), $"peer node {name}").Key;

    /// <summary>
    /// An organisation hosted on another node (<paramref name="homeNodeId"/>), as federation keeps it here, known to this
    /// fixture by <paramref name="name"/> (it has no users).
    /// </summary>
    public async Task<Guid> AddFederatedOrganisationAsync(string name, Guid homeNodeId, string homeNodeName)
    {
        var created = await WithAdminAsync(a => a.EnsureFederatedOrganisationAsync(
            new FederatedOrganisation(homeNodeId, homeNodeName, Guid.NewGuid(), name, "FI", OrganisationType.GovernmentAgency, null), CancellationToken.None));
        _organisations[name] = Ok(created, $"federated organisation {name}").Id;
        return _organisations[name];
    }

    /// <summary>A client with the key of a peer node bound to <paramref name="homeNodeId"/> (the node hosting some recipients).</summary>
    public async Task<HttpClient> BoundPeerClientAsync(string name, Guid homeNodeId)
    {
        var peer = Ok(await WithAdminAsync(a => a.CreatePeerNodeAsync(name, CancellationToken.None)), $"peer node {name}");
        Ok(await WithAdminAsync(a => a.BindPeerNodeAsync(peer.Peer.Id, homeNodeId, CancellationToken.None)), $"binding peer node {name}");
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", peer.Key);
        _clients.Add(client);
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous()
    {
        var client = _node.CreateClient();
        _clients.Add(client);
        return client;
    }

    /// <summary>A sharing group owned by <paramref name="owner"/> with the named member organisations; returns its (audience) id.</summary>
    public async Task<Guid> CreateSharingGroupAsync(string owner, string name, params string[] members)
    {
        var created = await WithAdminAsync(a => a.CreateSharingGroupAsync(
            new NewSharingGroup(OrgId(owner), name, members.Select(OrgId).ToList()), CancellationToken.None));
        return Ok(created, $"sharing group {name}").Id;
    }

    public async Task AddGroupMemberAsync(Guid groupId, string organisation) =>
        Ok(await WithAdminAsync(a => a.AddGroupMemberAsync(groupId, OrgId(organisation), CancellationToken.None)), "group member");

    /// <summary>The audience id for "<paramref name="owner"/> plus these recipients" (what a Recipients-scoped record carries).</summary>
    public async Task<Guid> RecipientsAudienceAsync(string owner, params string[] recipients)
    {
        await using var scope = _node.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IAccessDirectory>();
        return Ok(await directory.ResolveRecipientsAsync(OrgId(owner), recipients.Select(OrgId).ToList(), CancellationToken.None), "recipients");
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task<(HttpClient Client, string Key, Guid UserId)> MemberAsync(string organisation, Role role)
    {
        if (_members.TryGetValue((organisation, role), out var member))
        {
            return member;
        }

        var userName = UserName(organisation, role);
        var user = Ok(await WithAdminAsync(a => a.CreateUserAsync(
            new NewUser(userName, OrgId(organisation), role, Email: $"{userName}@{organisation.ToLowerInvariant().Replace(' ', '-')}.test", Password: Password), CancellationToken.None)), $"user {userName}");
        var key = Ok(await WithAdminAsync(a => a.CreateApiKeyAsync(new NewApiKey(userName, "tests"), CancellationToken.None)), "api key");
        var client = _node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        _clients.Add(client);
        member = (client, key.Key, user.Id);
        _members[(organisation, role)] = member;
        return member;
    }

    /// <summary>The password every user made by <see cref="ClientAsync"/> has (for Basic and login tests).</summary>
    public const string Password = "correct horse battery staple";

    private async Task<T> WithAdminAsync<T>(Func<IAccessAdmin, Task<T>> action)
    {
        await using var scope = _node.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IAccessAdmin>());
    }

    private static T Ok<T>(Concord.Platform.Result<T> result, string what) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Creating {what} failed: {result.Error!.Rule}: {result.Error.Message}");
}
