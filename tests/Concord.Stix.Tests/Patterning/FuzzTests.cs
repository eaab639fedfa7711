using Concord.Stix.Patterning;

namespace Concord.Stix.Tests.Patterning;

/// <summary>
/// Seeded mutation fuzzing: truncations, insertions, deletions and splices of real patterns. Whatever comes in,
/// TryParse must return (never throw), report exactly one of tree or error, keep the error inside the text, and
/// any tree it accepts must survive a render-and-reparse unchanged.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Seeds =
    [
        .. SpecExampleTests.Examples.Select(row => row.Data),
        "[x-a:b IN ('s', -12, -0.5, .25, true, false, b'ABI=', h'ffD8', t'2014-01-13T07:03:17.123Z')]",
        @"[x-acme:'it\'s' = 'O\'Brien \\ co' AND NOT EXISTS x-acme:c[0].d[*]]",
        "([a:b = 1] REPEATS 5 TIMES WITHIN 2.5 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z') FOLLOWEDBY [a:c != 2]",
    ];

    private static readonly string[] Fragments =
    [
        "[", "]", "(", ")", "'", "\\", "\\'", ",", ":", ".", "*", "=", "!=", "<", ">=", "-", "+", "0", "1.", ".5", "h'", "b'", "t'",
        " AND ", " OR ", " NOT ", " FOLLOWEDBY ", " IN ", " LIKE ", " EXISTS ", " WITHIN ", " REPEATS ", " START ", " SECONDS",
        " TIMES", " true", "\"", "\u00a0", "\n", "\0", "\ud800", "é", "x-", "[a:b = 1]", "((((", "))))", "[*]", "[0]",
    ];

    [Fact]
    public void TryParse_MutatedPatterns_AlwaysReturnsConsistently()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 30_000; round++)
        {
            var text = Mutate(Seeds[random.Next(Seeds.Length)], random);
            AssertWellBehaved(text);
        }
    }

    [Fact]
    public void TryParse_EveryPrefixOfEverySeed_AlwaysReturnsConsistently()
    {
        foreach (var seed in Seeds)
        {
            for (var length = 0; length <= seed.Length; length++)
            {
                AssertWellBehaved(seed[..length]);
            }
        }
    }

    [Fact]
    public void TryParse_RandomFragmentSoup_AlwaysReturnsConsistently()
    {
        var random = new Random(7);
        for (var round = 0; round < 10_000; round++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Fragments[random.Next(Fragments.Length)]);
            AssertWellBehaved(string.Concat(parts));
        }
    }

    private static void AssertWellBehaved(string text)
    {
        var ok = StixPattern.TryParse(text, out var expression, out var error);

        if (!ok)
        {
            Assert.Null(expression);
            Assert.NotNull(error);
            Assert.InRange(error.Position, 0, text.Length);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.NotEmpty(StixPattern.Check(text));
            return;
        }

        Assert.Null(error);
        var rendered = expression!.ToString();
        Assert.True(StixPattern.TryParse(rendered, out var again, out var renderError), $"{text} -> {rendered}: {renderError}");
        Assert.Equal(expression, again);
        _ = expression.Comparisons();
        _ = StixPattern.Check(text);
    }

    private static string Mutate(string seed, Random random)
    {
        var text = seed;
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(text.Length + 1);
            text = random.Next(5) switch
            {
                0 => text[..at],
                1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                2 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 6), text.Length - Math.Min(at, text.Length - 1))),
                3 => text.Insert(at, seed.Substring(random.Next(seed.Length / 2), random.Next(seed.Length / 2))),
                _ => text.Insert(at, ((char)random.Next(0x20, 0x7f)).ToString()),
            };
        }

        return text;
    }
}
