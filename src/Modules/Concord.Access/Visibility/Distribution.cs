using Concord.Platform;
using Concord.Stix;

namespace Concord.Access;

/// <summary>The TLP 2.0 rules that cap how widely a record may be distributed (DESIGN.md, "Who may see what").</summary>
public static class Distribution
{
    /// <summary>The widest scope a TLP label allows.</summary>
    public static Scope MaxScope(Tlp tlp) => tlp switch
    {
        // RED: named recipients only, never relayed.
        Tlp.Red => Scope.Recipients,

        // AMBER and AMBER+STRICT: recipient organisations only (a sharing group is a standing list of them),
        // not relayed to other nodes.
        Tlp.AmberStrict => Scope.SharingGroup,
        Tlp.Amber => Scope.SharingGroup,

        // GREEN: the community — this node's alliance and, where the owner allows, connected nodes.
        Tlp.Green => Scope.ConnectedNodes,
        Tlp.Clear => Scope.Public,
    };

    /// <summary>
    /// Refuses, at write time, a scope wider than the TLP allows, and an audience that does not fit the scope.
    /// </summary>
    public static Error? Check(Tlp tlp, Scope scope, Guid? audienceId, string field = "scope")
    {
        if (scope > MaxScope(tlp))
        {
            return Error.Validation(field, "scope-wider-than-tlp",
                $"TLP:{Label(tlp)} allows at most scope '{Name(MaxScope(tlp))}'; '{Name(scope)}' is wider.");
        }

        var needsAudience = scope is Scope.Recipients or Scope.SharingGroup;
        if (needsAudience && audienceId is null)
        {
            return Error.Validation(field, "audience-required",
                $"Scope '{Name(scope)}' needs {(scope == Scope.Recipients ? "at least one recipient organisation" : "a sharing group")}.");
        }

        if (!needsAudience && audienceId is not null)
        {
            return Error.Validation(field, "audience-not-allowed", $"Scope '{Name(scope)}' takes no recipients or sharing group.");
        }

        return null;
    }

    /// <summary>The label as written in TLP 2.0 (<c>AMBER+STRICT</c>).</summary>
    public static string Label(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "CLEAR",
        Tlp.Green => "GREEN",
        Tlp.Amber => "AMBER",
        Tlp.AmberStrict => "AMBER+STRICT",
        Tlp.Red => "RED",
    };

    /// <summary>Parses <c>clear</c>, <c>green</c>, <c>amber</c>, <c>amber+strict</c>, <c>red</c> (any case; <c>white</c> = clear).</summary>
    public static bool TryParseTlp(string? text, out Tlp tlp)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "CLEAR" or "WHITE" or "TLP:CLEAR" or "TLP:WHITE": tlp = Tlp.Clear; return true;
            case "GREEN" or "TLP:GREEN": tlp = Tlp.Green; return true;
            case "AMBER" or "TLP:AMBER": tlp = Tlp.Amber; return true;
            case "AMBER+STRICT" or "AMBER-STRICT" or "AMBERSTRICT" or "TLP:AMBER+STRICT": tlp = Tlp.AmberStrict; return true;
            case "RED" or "TLP:RED": tlp = Tlp.Red; return true;
            default: tlp = default; return false;
        }
    }

    /// <summary>The API name of a scope (<c>sharing-group</c>).</summary>
    public static string Name(Scope scope) => scope switch
    {
        Scope.Owner => "owner",
        Scope.Recipients => "recipients",
        Scope.SharingGroup => "sharing-group",
        Scope.Alliance => "alliance",
        Scope.ConnectedNodes => "connected-nodes",
        Scope.Public => "public",
    };

    /// <summary>Parses an API scope name.</summary>
    public static bool TryParseScope(string? text, out Scope scope)
    {
        foreach (var candidate in Enum.GetValues<Scope>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                scope = candidate;
                return true;
            }
        }

        scope = default;
        return false;
    }
}
