namespace Concord.Intel.Features.Misp;

/// <summary>The category MISP gives an attribute type by default (its describeTypes' default_category), for the types the export writes for STIX objects that did not come from MISP.</summary>
internal static class MispCategories
{
    public static string Default(string type) => type switch
    {
        "ip-dst" or "ip-src" or "domain" or "hostname" or "url" or "port" or "AS" or "mac-address" or "x509-fingerprint-sha1" or "x509-fingerprint-md5" or "x509-fingerprint-sha256" => "Network activity",
        "mutex" => "Artifacts dropped",
        "regkey" => "Persistence mechanism",
        "yara" or "snort" or "suricata" or "sigma" => type == "yara" ? "Payload installation" : "Network activity",
        "vulnerability" => "External analysis",
        "campaign-name" => "Attribution",
        "size-in-bytes" or "text" or "comment" or "other" => "Other",
        _ => "Payload delivery",
    };
}
