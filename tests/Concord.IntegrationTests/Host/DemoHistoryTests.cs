using System.Text.Json;
using Concord.Host.Demo;
using Concord.Testing;

namespace Concord.IntegrationTests.Host;

/// <summary>The demo's dates are relative to the node's first start, its techniques are ATT&amp;CK's own, its logins readable.</summary>
public class DemoHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DemoIntel Intel = DemoIntelGenerator.Generate(seed: 20261101, indicators: 600, Start);

    private static IEnumerable<JsonElement> Objects =>
        Intel.Batches.SelectMany(b => b.Objects).Select(o => JsonDocument.Parse(o).RootElement);

    [Fact]
    public void Generate_SharesItsHistoryOverTheNinetyDaysBeforeTheStart_OldestFirst_NothingLater()
    {
        var shared = Intel.Batches.Select(b => b.SharedAt).ToList();

        Assert.Equal(shared.Order(), shared);
        Assert.All(shared, at => Assert.InRange(at, Start.AddDays(-DemoIntelGenerator.HistoryDays), Start));
        var days = shared.Select(at => DateOnly.FromDateTime(at.UtcDateTime)).Distinct().Count();
        Assert.True(days >= 60, $"the history covers only {days} days");
        Assert.Contains(shared, at => at > Start.AddDays(-1));
    }

    [Fact]
    public void Generate_GroupsWhatAMemberSharesOnADay_IntoAFewHundredImports()
    {
        Assert.InRange(Intel.Batches.Count, 100, Intel.ObjectCount / 3);
    }

    [Fact]
    public void Generate_EveryTimestampAndEveryIndicatorsValidity_FitsTheStart()
    {
        foreach (var o in Objects)
        {
            foreach (var property in new[] { "created", "modified", "valid_from", "first_seen", "last_seen", "published" })
            {
                if (o.TryGetProperty(property, out var value))
                {
                    Assert.True(value.GetDateTimeOffset() <= Start, $"{o.GetProperty("id")} {property} {value}");
                }
            }
        }

        // Most indicators are still valid at the start (the old fixed dates left nearly all expired).
        var indicators = Objects.Where(o => o.GetProperty("type").GetString() == "indicator").ToList();
        var valid = indicators.Count(o => o.GetProperty("valid_until").GetDateTimeOffset() > Start);
        Assert.InRange(valid, indicators.Count * 9 / 10, indicators.Count);
    }

    [Fact]
    public void Generate_TheSameSeed_ADifferentStart_ShiftsTheDates()
    {
        var later = DemoIntelGenerator.Generate(seed: 20261101, indicators: 600, Start.AddDays(30));

        Assert.Equal(Intel.ObjectCount, later.ObjectCount);
        Assert.Equal(Intel.Batches[^1].SharedAt.AddDays(30), later.Batches[^1].SharedAt);
    }

    [Fact]
    public void Generate_AttackPatterns_AreAttacksOwnTechniques_WithTheirIdsNamesAndExternalIds()
    {
        var attack = new Dictionary<string, (string Name, string ExternalId)>(StringComparer.Ordinal);
        using (var bundle = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("attack", "enterprise-attack-18.1.reconstructed.json"))))
        {
            foreach (var o in bundle.RootElement.GetProperty("objects").EnumerateArray().Where(o => o.GetProperty("type").GetString() == "attack-pattern"))
            {
                attack[o.GetProperty("id").GetString()!] = (o.GetProperty("name").GetString()!, MitreId(o)!);
            }
        }

        var techniques = Objects.Where(o => o.GetProperty("type").GetString() == "attack-pattern").ToList();
        Assert.Equal(DemoAttack.Techniques.Length, techniques.Count);
        foreach (var technique in techniques)
        {
            var id = technique.GetProperty("id").GetString()!;
            Assert.True(attack.TryGetValue(id, out var real), $"{id} is not an ATT&CK technique");
            Assert.Equal(real.Name, technique.GetProperty("name").GetString());
            Assert.Equal(real.ExternalId, MitreId(technique));
            Assert.Equal(DemoAttack.MitreIdentity, technique.GetProperty("created_by_ref").GetString());
        }
    }

    [Theory]
    [InlineData("andes", "Lucía Quispe", "lucia.quispe@andes-cyber.example")]
    [InlineData("andes", "Mateo Huamán", "mateo.huaman@andes-cyber.example")]
    [InlineData("fjord", "Bjørn Ødegård", "bjorn.odegard@fjordland-isac.example")]
    [InlineData("savanna", "Amina Otieno", "amina.otieno@savanna-cert.example")]
    public void Login_TransliteratesAccentedLetters_InsteadOfDroppingThem(string org, string person, string login) =>
        Assert.Equal(login, DemoAlliance.Login(DemoAlliance.Get(org), person));

    [Fact]
    public void Writer_KeepsAccentedNamesInTheStoredJson()
    {
        var writer = new DemoStixWriter(new Random(1));
        writer.Emit("note", new DemoDistribution("andes", Concord.Stix.Tlp.Green, Concord.Access.Scope.Alliance, []), "identity--" + Guid.NewGuid(), Start,
            j => DemoStixWriter.WriteStrings(j, "authors", ["Mateo Huamán"]));

        var json = System.Text.Encoding.UTF8.GetString(Assert.Single(Assert.Single(writer.Batches).Objects));
        Assert.Contains("\"Mateo Huamán\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoClock_IsSetForTheSeedersOwnFlowOnly_NotForWorkAlreadyRunning()
    {
        var clock = new DemoClock(TimeProvider.System);
        var past = new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var background = Task.Run(async () =>
        {
            await go.Task;
            return clock.GetUtcNow();
        }, TestContext.Current.CancellationToken);

        using (DemoClock.At(past))
        {
            Assert.Equal(past, clock.GetUtcNow());
            go.SetResult();
            Assert.NotEqual(past, await background);
        }

        Assert.NotEqual(past, clock.GetUtcNow());
    }

    private static string? MitreId(JsonElement o) => o.TryGetProperty("external_references", out var refs)
        ? refs.EnumerateArray().Where(r => r.TryGetProperty("source_name", out var s) && s.GetString() == "mitre-attack")
            .Select(r => r.TryGetProperty("external_id", out var e) ? e.GetString() : null).FirstOrDefault()
        : null;
}
