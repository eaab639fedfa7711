using Concord.Stix;

namespace Concord.Web.Components.Shared;

/// <summary>The stylesheet class of each TLP label (app.css holds FIRST's colours).</summary>
public static class TlpStyles
{
    public static string CssClass(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "tlp-clear",
        Tlp.Green => "tlp-green",
        Tlp.Amber => "tlp-amber",
        Tlp.AmberStrict => "tlp-amber-strict",
        Tlp.Red => "tlp-red",
    };
}
