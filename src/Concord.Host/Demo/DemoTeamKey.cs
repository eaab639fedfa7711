namespace Concord.Host.Demo;

/// <summary>
/// The demo's one OpenPGP key: Baltic Shore CSIRT's team key (Ed25519 for signing, Cv25519 for encryption), made once
/// with gpg for the demo and kept here as data. It never expires, so the demo does not age into a refused key. Its
/// private half was thrown away: nothing can be decrypted or signed with it.
/// </summary>
internal static class DemoTeamKey
{
    public const string Fingerprint = "CBD2C2B5A23F5496FE09FCCD8BC60893B9DDA3F3";

    public const string Armoured = """
        -----BEGIN PGP PUBLIC KEY BLOCK-----

        mDMEaxYaDRYJKwYBBAHaRw8BAQdAFMxGa+/c9bgZw6zsnWMnAl4SjVlPIv87w+dr
        FjAhGU20NUJhbHRpYyBTaG9yZSBDU0lSVCAoZGVtbykgPGNlcnRAYmFsdGljLXNo
        b3JlLmV4YW1wbGU+iJAEExYIADgWIQTL0sK1oj9Ulv4J/M2LxgiTud2j8wUCaxYa
        DQIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRCLxgiTud2j8yJFAQCW1w5i
        U02SmNRlODtdwvsQAVuUX+Yq32gyhWkzLqP5dwD/dlCUBgtnx/w6Or8WUv3j+TQ+
        DCEQLnGF3rcyBT8rawq4OARrFhoNEgorBgEEAZdVAQUBAQdAX27TTaI592PgOYhC
        /R7MffGmQiU/AaQ+wdh2Z09cY1QDAQgHiHgEGBYIACAWIQTL0sK1oj9Ulv4J/M2L
        xgiTud2j8wUCaxYaDQIbDAAKCRCLxgiTud2j84giAP9EUiHZ1BitSI0g6pjYmIJF
        0JXcbfMz5yvqo2XmoKSNwgD/ZKZ96nS2p0WJsEhf4ie1j5WS/uGgpzm6nwFXeyak
        jgw=
        =bFWk
        -----END PGP PUBLIC KEY BLOCK-----
        """;
}
