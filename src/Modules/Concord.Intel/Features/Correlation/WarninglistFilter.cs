using Concord.Observables.Extraction;
using Concord.Intel.Observables.Warninglists;
using Concord.Stix;

namespace Concord.Intel.Features.Correlation;

/// <summary>Which objects an export "without warninglisted values" leaves out.</summary>
internal static class WarninglistFilter
{
    /// <summary>
    /// True when the object has observables and every one of them is on a warninglist: an indicator for a public
    /// resolver is noise in a block list. An object with one real value among listed ones is kept whole (STIX
    /// objects are exported as they are, never edited), and so are objects without observables.
    /// </summary>
    public static bool AllListed(ReadOnlyMemory<byte> json, WarninglistSnapshot lists)
    {
        if (lists.Lists.Count == 0 || !StixParser.TryParse(json, out var stix, out _))
        {
            return false;
        }

        using (stix)
        {
            var found = ObservableExtractor.Extract(stix).Observables;
            return found.Count > 0 && found.All(o => lists.Match(o.Observable).Count > 0);
        }
    }
}
