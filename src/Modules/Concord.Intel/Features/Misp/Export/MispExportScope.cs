using Concord.Access;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// A Concord scope as a MISP distribution: the import's table read backwards. Named recipients and sharing groups are
/// written as 0 (your organisation only): MISP requires a sharing group's numeric id on its own instance with
/// distribution 4, which an export cannot know, and recipients are no MISP distribution at all.
/// </summary>
internal static class MispExportScope
{
    public static int Distribution(Scope scope) => scope switch
    {
        Scope.Alliance => 1,
        Scope.ConnectedNodes => 2,
        Scope.Public => 3,
        _ => 0,
    };
}
