using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>STIX 2.1 section 10 vocabularies: <c>-ov</c> are open (SHOULD), <c>-enum</c> closed (MUST).</summary>
internal static class Vocabularies
{
    public static readonly VocabularySpec AccountType = new("account-type-ov", true,
        "facebook", "ldap", "nis", "openid", "radius", "skype", "tacacs", "twitter", "unix", "windows-local", "windows-domain");

    public static readonly VocabularySpec AttackMotivation = new("attack-motivation-ov", true,
        "accidental", "coercion", "dominance", "ideology", "notoriety", "organizational-gain", "personal-gain",
        "personal-satisfaction", "revenge", "unpredictable");

    public static readonly VocabularySpec AttackResourceLevel = new("attack-resource-level-ov", true,
        "individual", "club", "contest", "team", "organization", "government");

    public static readonly VocabularySpec EncryptionAlgorithm = new("encryption-algorithm-enum", false,
        "AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");

    public static readonly VocabularySpec ExtensionType = new("extension-type-enum", false,
        "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");

    public static readonly VocabularySpec GroupingContext = new("grouping-context-ov", true,
        "suspicious-activity", "malware-analysis", "unspecified");

    public static readonly VocabularySpec IdentityClass = new("identity-class-ov", true,
        "individual", "group", "system", "organization", "class", "unknown");

    public static readonly VocabularySpec ImplementationLanguage = new("implementation-language-ov", true,
        "applescript", "bash", "c", "c++", "c#", "go", "java", "javascript", "lua", "objective-c", "perl", "php",
        "powershell", "python", "ruby", "scala", "swift", "typescript", "visual-basic", "x86-32", "x86-64");

    public static readonly VocabularySpec IndicatorType = new("indicator-type-ov", true,
        "anomalous-activity", "anonymization", "benign", "compromised", "malicious-activity", "attribution", "unknown");

    public static readonly VocabularySpec IndustrySector = new("industry-sector-ov", true,
        "agriculture", "aerospace", "automotive", "chemical", "commercial", "communications", "construction", "defense",
        "education", "energy", "engineering", "entertainment", "financial-services", "government", "emergency-services",
        "government-local", "government-national", "government-public-services", "government-regional", "healthcare",
        "hospitality-leisure", "infrastructure", "dams", "nuclear", "water", "insurance", "manufacturing", "mining",
        "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications", "transportation", "utilities");

    public static readonly VocabularySpec InfrastructureType = new("infrastructure-type-ov", true,
        "amplification", "anonymization", "botnet", "command-and-control", "control-system", "exfiltration", "firewall",
        "hosting-malware", "hosting-target-lists", "phishing", "reconnaissance", "routers-switches", "staging",
        "workstation", "unknown");

    public static readonly VocabularySpec MalwareResult = new("malware-result-ov", true,
        "malicious", "suspicious", "benign", "unknown");

    public static readonly VocabularySpec MalwareCapabilities = new("malware-capabilities-ov", true,
        "accesses-remote-machines", "anti-debugging", "anti-disassembly", "anti-emulation", "anti-memory-forensics",
        "anti-sandbox", "anti-vm", "captures-input-peripherals", "captures-output-peripherals", "captures-system-state-data",
        "cleans-traces-of-infection", "commits-fraud", "communicates-with-c2", "compromises-data-availability",
        "compromises-data-integrity", "compromises-system-availability", "controls-local-machine",
        "degrades-security-software", "degrades-system-updates", "determines-c2-server", "emails-spam",
        "escalates-privileges", "evades-av", "exfiltrates-data", "fingerprints-host", "hides-artifacts",
        "hides-executing-code", "infects-files", "infects-remote-machines", "installs-other-components",
        "persists-after-system-reboot", "prevents-artifact-access", "prevents-artifact-deletion",
        "probes-network-environment", "self-modifies", "steals-authentication-credentials",
        "violates-system-operational-integrity");

    public static readonly VocabularySpec MalwareType = new("malware-type-ov", true,
        "adware", "backdoor", "bot", "bootkit", "ddos", "downloader", "dropper", "exploit-kit", "keylogger", "ransomware",
        "remote-access-trojan", "resource-exploitation", "rogue-security-software", "rootkit", "screen-capture", "spyware",
        "trojan", "unknown", "virus", "webshell", "wiper", "worm");

    public static readonly VocabularySpec NetworkSocketAddressFamily = new("network-socket-address-family-enum", false,
        "AF_UNSPEC", "AF_INET", "AF_IPX", "AF_APPLETALK", "AF_NETBIOS", "AF_INET6", "AF_IRDA", "AF_BTH");

    public static readonly VocabularySpec NetworkSocketType = new("network-socket-type-enum", false,
        "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET");

    public static readonly VocabularySpec Opinion = new("opinion-enum", false,
        "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");

    public static readonly VocabularySpec PatternType = new("pattern-type-ov", true,
        "stix", "pcre", "sigma", "snort", "suricata", "yara");

    public static readonly VocabularySpec ProcessorArchitecture = new("processor-architecture-ov", true,
        "alpha", "arm", "ia-64", "mips", "powerpc", "sparc", "x86", "x86-64");

    public static readonly VocabularySpec Region = new("region-ov", true,
        "africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa", "western-africa", "americas",
        "latin-america-caribbean", "south-america", "caribbean", "central-america", "northern-america", "asia",
        "central-asia", "eastern-asia", "southern-asia", "south-eastern-asia", "western-asia", "europe", "eastern-europe",
        "northern-europe", "southern-europe", "western-europe", "oceania", "antarctica", "australia-new-zealand",
        "melanesia", "micronesia", "polynesia");

    public static readonly VocabularySpec ReportType = new("report-type-ov", true,
        "attack-pattern", "campaign", "identity", "indicator", "intrusion-set", "malware", "observed-data",
        "threat-actor", "threat-report", "tool", "vulnerability");

    public static readonly VocabularySpec ThreatActorType = new("threat-actor-type-ov", true,
        "activist", "competitor", "crime-syndicate", "criminal", "hacker", "insider-accidental", "insider-disgruntled",
        "nation-state", "sensationalist", "spy", "terrorist", "unknown");

    public static readonly VocabularySpec ThreatActorRole = new("threat-actor-role-ov", true,
        "agent", "director", "independent", "infrastructure-architect", "infrastructure-operator", "malware-author", "sponsor");

    public static readonly VocabularySpec ThreatActorSophistication = new("threat-actor-sophistication-ov", true,
        "none", "minimal", "intermediate", "advanced", "expert", "innovator", "strategic");

    public static readonly VocabularySpec ToolType = new("tool-type-ov", true,
        "denial-of-service", "exploitation", "information-gathering", "network-capture", "credential-exploitation",
        "remote-access", "vulnerability-scanning", "unknown");

    public static readonly VocabularySpec WindowsIntegrityLevel = new("windows-integrity-level-enum", false,
        "low", "medium", "high", "system");

    public static readonly VocabularySpec WindowsPeBinaryType = new("windows-pebinary-type-ov", true, "dll", "exe", "sys");

    public static readonly VocabularySpec WindowsRegistryDatatype = new("windows-registry-datatype-enum", false,
        "REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN",
        "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTION", "REG_RESOURCE_REQUIREMENTS_LIST",
        "REG_QWORD", "REG_INVALID_TYPE");

    public static readonly VocabularySpec WindowsServiceStartType = new("windows-service-start-type-enum", false,
        "SERVICE_AUTO_START", "SERVICE_BOOT_START", "SERVICE_DEMAND_START", "SERVICE_DISABLED", "SERVICE_SYSTEM_ALERT");

    public static readonly VocabularySpec WindowsServiceType = new("windows-service-type-enum", false,
        "SERVICE_KERNEL_DRIVER", "SERVICE_FILE_SYSTEM_DRIVER", "SERVICE_WIN32_OWN_PROCESS", "SERVICE_WIN32_SHARE_PROCESS");

    public static readonly VocabularySpec WindowsServiceStatus = new("windows-service-status-enum", false,
        "SERVICE_CONTINUE_PENDING", "SERVICE_PAUSE_PENDING", "SERVICE_PAUSED", "SERVICE_RUNNING", "SERVICE_START_PENDING",
        "SERVICE_STOP_PENDING", "SERVICE_STOPPED");
}
