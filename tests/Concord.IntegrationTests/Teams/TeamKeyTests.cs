using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;

namespace Concord.IntegrationTests.Teams;

/// <summary>
/// Team and personal OpenPGP keys over real HTTP on both stores: a good key is kept as given with its fingerprint, expiry
/// and user ids; a malformed, private, doubled, revoked, expired or unusable key is refused with the reason and the field,
/// and nothing changes. Keys are made at run time (the node's clock is 2026-11-01).
/// </summary>
public class TeamKeyTests
{
    private static readonly DateTime Made = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task GoodKeys_AreKeptAsGiven_WithFingerprintExpiryAndUserIds(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        var admin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        var forever = PgpFixtures.Key(Made);
        var yearly = PgpFixtures.Key(Made, "Energy CSIRT signing <sign@grid.example>", validSeconds: 365L * 24 * 3600);

        using var saved = await admin.PutAsJsonAsync(Path(alliance), Profile(forever, yearly), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var keys = (await admin.GetFromJsonAsync<JsonElement>(Path(alliance), Ct)).GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        var fingerprint = PgpFixtures.Fingerprint(forever);
        Assert.Matches("^[0-9A-F]{40}$", keys[0].GetProperty("fingerprint").GetString());
        Assert.Equal(fingerprint, keys[0].GetProperty("fingerprint").GetString());
        Assert.Equal(string.Join(' ', fingerprint.Chunk(4).Select((c, i) => new string(c) + (i == 4 ? " " : ""))), keys[0].GetProperty("fingerprintGrouped").GetString());
        Assert.Equal(JsonValueKind.Null, keys[0].GetProperty("expires").ValueKind);
        Assert.Equal(["Energy CSIRT <cert@grid.example>"], keys[0].GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(forever, keys[0].GetProperty("armoured").GetString());
        Assert.Equal(new DateTimeOffset(Made).AddDays(365), keys[1].GetProperty("expires").GetDateTimeOffset());
        Assert.StartsWith("RSA", keys[1].GetProperty("algorithm").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BadKeys_AreRefusedWithTheReason_AndChangeNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Energy");
        var admin = await alliance.ClientAsync("Energy", Role.OrgAdmin);
        var good = PgpFixtures.Key(Made);
        using (var saved = await admin.PutAsJsonAsync(Path(alliance), Profile(good), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var before = await admin.GetStringAsync(Path(alliance), Ct);
        var damaged = good.Replace(good.Split('\n')[4], new string('A', good.Split('\n')[4].Length), StringComparison.Ordinal);
        var bad = new (string Key, string Rule)[]
        {
            ("not a key at all", "openpgp-malformed"),
            (damaged, "openpgp-malformed"),
            (good[..(good.Length / 2)], "openpgp-malformed"),
            (PgpFixtures.PrivateKey(Made), "openpgp-private-key"),
            (PgpFixtures.Key(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), validSeconds: 30L * 24 * 3600), "openpgp-expired"),
            (PgpFixtures.Key(Made, revoked: true), "openpgp-revoked"),
            (PgpFixtures.Key(Made, certifyOnly: true), "openpgp-unusable"),
            (good, "openpgp-duplicate"),
        };
        foreach (var (key, rule) in bad)
        {
            using var response = await admin.PutAsJsonAsync(Path(alliance), Profile(good, key), Ct);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, rule);
            Assert.Equal("keys[1]", problem.GetProperty("field").GetString());
        }

        // A person's key passes the same checks, named "key".
        using var person = await admin.PostAsJsonAsync($"{Path(alliance)}/people",
            new { name = "Kadri Tamm", email = "kadri@grid.example", key = PgpFixtures.Key(Made, revoked: true) }, Ct);
        Assert.Equal("key", (await ProblemAssert.IsProblemAsync(person, HttpStatusCode.BadRequest, "openpgp-revoked")).GetProperty("field").GetString());
        Assert.Equal(before, await admin.GetStringAsync(Path(alliance), Ct));
    }

    private static string Path(TestAlliance alliance) => $"/api/v1/directory/teams/{alliance.OrgId("Energy")}";

    private static object Profile(params string[] keys) => new
    {
        name = "Energy CSIRT",
        country = "EE",
        type = "sectoral-csirt",
        email = "soc@grid.example",
        escalationContacts = new[] { new { name = "Duty manager", email = "duty@grid.example" } },
        keys,
    };
}
