namespace Concord.Host.Demo;

/// <summary>Names for the demo's invented adversaries and their tools, and real ATT&amp;CK techniques they use.</summary>
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

    public static readonly (string Id, string Name)[] Techniques =
    [
        ("T1566.001", "Spearphishing Attachment"), ("T1566.002", "Spearphishing Link"), ("T1190", "Exploit Public-Facing Application"),
        ("T1133", "External Remote Services"), ("T1078", "Valid Accounts"), ("T1059.001", "PowerShell"),
        ("T1204.002", "Malicious File"), ("T1053.005", "Scheduled Task"), ("T1547.001", "Registry Run Keys / Startup Folder"),
        ("T1055", "Process Injection"), ("T1027", "Obfuscated Files or Information"), ("T1003.001", "LSASS Memory"),
        ("T1021.001", "Remote Desktop Protocol"), ("T1071.001", "Web Protocols"), ("T1105", "Ingress Tool Transfer"),
        ("T1486", "Data Encrypted for Impact"), ("T1041", "Exfiltration Over C2 Channel"), ("T1567.002", "Exfiltration to Cloud Storage"),
        ("T1583.001", "Domains"), ("T1588.002", "Tool"), ("T1595.002", "Vulnerability Scanning"), ("T1098", "Account Manipulation"),
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
