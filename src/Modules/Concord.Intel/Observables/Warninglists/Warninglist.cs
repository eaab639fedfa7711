namespace Concord.Intel.Observables.Warninglists;

/// <summary>How a warninglist's entries match (the MISP warninglist <c>type</c>).</summary>
public enum WarninglistType
{
    /// <summary>IP addresses and CIDR networks; an address matches every network containing it.</summary>
    Cidr,

    /// <summary>Domain names; a name matches itself and its parent domains.</summary>
    Hostname,

    /// <summary>Exact values.</summary>
    String,

    /// <summary>Values that contain an entry.</summary>
    Substring,

    /// <summary>Values matching a regular expression.</summary>
    Regex,
}

/// <summary>One loaded warninglist, without its entries.</summary>
/// <param name="Id">The list's folder name, e.g. <c>public-dns-v4</c>; stable across versions.</param>
/// <param name="Name">The human name from the file.</param>
/// <param name="Version">The list's version number.</param>
/// <param name="Description">What the list holds.</param>
/// <param name="Type">How its entries match.</param>
/// <param name="MatchingAttributes">The MISP attribute types it applies to; empty means every type.</param>
/// <param name="EntryCount">How many entries were loaded (malformed ones are not counted).</param>
public sealed record Warninglist(
    string Id,
    string Name,
    int Version,
    string Description,
    WarninglistType Type,
    IReadOnlyList<string> MatchingAttributes,
    int EntryCount);

/// <summary>An observable found on a warninglist.</summary>
/// <param name="List">The list.</param>
/// <param name="Entry">The entry that matched: the network, the (parent) domain, the value, the substring or the expression.</param>
public sealed record WarninglistMatch(Warninglist List, string Entry);

/// <summary>A list file, or entries of one, that could not be loaded; the rest of the lists still load.</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">What was wrong.</param>
public sealed record WarninglistProblem(string Path, string Message);
