using Concord.Intel.Observables.Matching;

namespace Concord.Intel.Tests.Observables.Matching;

public sealed class TextIndexTests
{
    private static List<string> Domains(DomainSuffixIndex<int> index, string domain, bool parents)
    {
        var found = new List<string>();
        index.Find(domain, parents, found, static (list, key, _) => list.Add(key));
        return found;
    }

    [Fact]
    public void DomainSuffix_WithParents_MatchesStoredParentDomainsNarrowestFirst()
    {
        var index = new DomainSuffixIndex<int>([("example.com", 1), ("b.example.com", 2), ("other.org", 3)]);
        Assert.Equal(["b.example.com", "example.com"], Domains(index, "a.b.example.com", parents: true));
        Assert.Empty(Domains(index, "notexample.com", parents: true));
        Assert.Empty(Domains(index, "com", parents: true));
    }

    [Fact]
    public void DomainSuffix_WithoutParents_MatchesOnlyTheExactName()
    {
        var index = new DomainSuffixIndex<int>([("example.com", 1)]);
        Assert.Empty(Domains(index, "a.example.com", parents: false));
        Assert.Equal(["example.com"], Domains(index, "example.com", parents: false));
    }

    [Fact]
    public void StringMultiMap_IgnoringCase_FindsEveryValueOfAKey()
    {
        var map = new StringMultiMap<int>([("Alpha", 1), ("alpha", 2), ("beta", 3)], ignoreCase: true);
        var found = new List<int>();
        Assert.True(map.ForEach("ALPHA", found, static (list, _, v) => list.Add(v)));
        Assert.Equal([1, 2], found.Order());
        Assert.False(map.Contains("gamma"));
    }

    [Fact]
    public void StringMultiMap_Ordinal_IsCaseSensitive()
    {
        var map = new StringMultiMap<int>([("Alpha", 1)], ignoreCase: false);
        Assert.True(map.Contains("Alpha"));
        Assert.False(map.Contains("alpha"));
    }

    [Fact]
    public void AhoCorasick_FindsOverlappingAndNestedPatterns()
    {
        var automaton = new AhoCorasick<int>([("he", 1), ("she", 2), ("his", 3), ("hers", 4), ("", 5)]);
        var found = new List<string>();
        automaton.Find("ushers", found, static (list, pattern, _) => list.Add(pattern));
        Assert.Equal(["he", "hers", "she"], found.Order());
    }

    [Fact]
    public void AhoCorasick_RandomPatterns_AgreeWithNaiveSearch()
    {
        var random = new Random(7);
        string Word(int max) => new([.. Enumerable.Range(0, random.Next(1, max)).Select(_ => "abc"[random.Next(3)])]);
        var patterns = Enumerable.Range(0, 300).Select(_ => Word(6)).Distinct().ToList();
        var automaton = new AhoCorasick<int>(patterns.Select((p, i) => (p, i)));
        for (var probe = 0; probe < 500; probe++)
        {
            var text = Word(40);
            var expected = patterns.Where(p => text.Contains(p, StringComparison.Ordinal)).Order();
            var found = new HashSet<string>();
            automaton.Find(text, found, static (set, pattern, _) => set.Add(pattern));
            Assert.Equal(expected, found.Order());
        }
    }
}
