namespace Concord.Host.Demo;

/// <summary>Names for the demo's invented adversaries, their tools and campaigns (their ATT&amp;CK techniques: <see cref="DemoAttack"/>).</summary>
internal static class DemoVocabulary
{
    public static readonly string[] ThreatActors =
    [
        "Glass Heron", "Copper Mantis", "Silent Monsoon", "Rust Jackal", "Pale Orchid", "Iron Drizzle",
    ];

    public static readonly string[] IntrusionSets =
    [
        "HERON-TIDE", "MANTIS-7", "MONSOON LANTERN", "JACKAL SPRING", "ORCHID VEIL", "DRIZZLE NET", "SALT CANOPY", "BASALT ECHO",
    ];

    public static readonly string[] Malware =
    [
        "LatticeLoader", "Quillfeather", "MudSkipper", "TallowRAT", "BrineWiper", "KelpStealer",
        "Oxbow", "Sandpiper Backdoor", "Cinderlock", "Marram", "Tidewater Miner", "Pumice",
    ];

    public static readonly (string Name, bool Family, string Type)[] MalwareTraits =
    [
        (Malware[0], true, "dropper"), (Malware[1], true, "remote-access-trojan"), (Malware[2], true, "backdoor"),
        (Malware[3], true, "remote-access-trojan"), (Malware[4], true, "wiper"), (Malware[5], true, "spyware"),
        (Malware[6], false, "downloader"), (Malware[7], true, "backdoor"), (Malware[8], true, "ransomware"),
        (Malware[9], false, "keylogger"), (Malware[10], true, "resource-exploitation"), (Malware[11], false, "rootkit"),
    ];

    public static readonly string[] Campaigns =
    [
        "Operation Dry Season", "Harbour Lights", "Cold Ledger", "Operation Paper Lantern", "Blue Estuary",
        "Quiet Census", "Operation Salt Road", "Night Ferry", "Glass Harvest", "Operation Long Reef",
    ];

    public static readonly string[] Sectors = ["government", "healthcare", "telecommunications", "energy", "finance", "education", "transportation"];

    public static readonly string[] DomainWords =
    [
        "update", "secure", "login", "portal", "cdn", "mail", "docs", "invoice", "cloud", "sync",
        "verify", "account", "files", "support", "static", "media", "auth", "relay", "drive", "notice",
    ];

    public static readonly string[] Lures =
    [
        "customs clearance notice", "ministry salary adjustment", "vaccination schedule", "tender documents",
        "regional summit agenda", "fibre outage report", "port authority circular", "conference visa letter",
    ];
}
