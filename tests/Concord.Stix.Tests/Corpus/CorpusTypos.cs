namespace Concord.Stix.Tests.Corpus;

/// <summary>Objects of the shared corpus that are invalid upstream, each with why; tests of "the corpus is valid" expect exactly these.</summary>
internal static class CorpusTypos
{
    /// <summary>
    /// OASIS's Poison Ivy report (stix2.1/examples/threat-reports/poisonivy.json) has an indicator with
    /// <c>domain-name:value = 'domain autuo.xicp.net'</c>: the word "domain" pasted into the value. A domain name MUST
    /// conform to RFC 1034 (STIX 2.1, 6.4), which allows no space, so the pattern's value check refuses it.
    /// </summary>
    public const string PoisonIvyDomainWithSpace = "indicator--4e4c4ad7-4909-456a-b6fa-e24a6f682a40";
}
