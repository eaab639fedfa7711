using System.Net;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

/// <summary>The callers of every authorization-matrix test, in the order their expected statuses are written.</summary>
public enum MatrixCaller
{
    Anonymous,
    ReadOnly,
    Analyst,
    OtherOrgAdmin,
    OrgAdmin,
    Secretariat,
    NodeAdmin,
}

/// <summary>
/// Runs one request per caller and compares the statuses with a row such as <c>"401 403 403 403 201 201 201"</c>
/// (anonymous, read-only, analyst, org admin of another organisation, org admin, secretariat, node admin). The
/// organisation under test is "Alpha"; the other organisation is "Bravo". Every failure status must be problem details.
/// </summary>
internal sealed class AuthorizationMatrix
{
    public const string Home = "Alpha";
    public const string Other = "Bravo";
    private readonly Dictionary<MatrixCaller, HttpClient> _clients;
    private readonly List<string> _failures = [];

    private AuthorizationMatrix(Dictionary<MatrixCaller, HttpClient> clients) => _clients = clients;

    /// <param name="passwords">Authenticate with Basic user name and password (a user session) instead of API keys.</param>
    public static async Task<AuthorizationMatrix> CreateAsync(TestAlliance alliance, bool passwords = false)
    {
        Task<HttpClient> Client(string org, Role role) => passwords ? alliance.PasswordClientAsync(org, role) : alliance.ClientAsync(org, role);
        return new AuthorizationMatrix(new Dictionary<MatrixCaller, HttpClient>
        {
            [MatrixCaller.Anonymous] = alliance.Anonymous(),
            [MatrixCaller.ReadOnly] = await Client(Home, Role.ReadOnly),
            [MatrixCaller.Analyst] = await Client(Home, Role.Analyst),
            [MatrixCaller.OtherOrgAdmin] = await Client(Other, Role.OrgAdmin),
            [MatrixCaller.OrgAdmin] = await Client(Home, Role.OrgAdmin),
            [MatrixCaller.Secretariat] = await Client(Home, Role.Secretariat),
            [MatrixCaller.NodeAdmin] = await Client(Home, Role.NodeAdmin),
        });
    }

    public async Task CheckAsync(string operation, string expected, Func<MatrixCaller, HttpClient, Task<HttpResponseMessage>> call)
    {
        var statuses = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        Assert.Equal(Enum.GetValues<MatrixCaller>().Length, statuses.Length);
        foreach (var caller in Enum.GetValues<MatrixCaller>())
        {
            using var response = await call(caller, _clients[caller]);
            var want = (HttpStatusCode)statuses[(int)caller];
            if (response.StatusCode != want)
            {
                _failures.Add($"{operation} as {caller}: expected {(int)want}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(AccessHttp.Ct)}");
            }
            else if ((int)want >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                _failures.Add($"{operation} as {caller}: {(int)want} without problem details");
            }
        }
    }

    public void AssertAll() => Assert.True(_failures.Count == 0, string.Join(Environment.NewLine, _failures));
}
