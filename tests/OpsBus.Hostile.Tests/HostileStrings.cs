namespace OpsBus.Hostile.Tests;

/// <summary>The hostile values the corpus puts in path segments and text fields.</summary>
internal static class HostileStrings
{
    /// <summary>SQL, script, template, shell, LDAP, header and log injection, and odd Unicode.</summary>
    public static readonly IReadOnlyList<string> Injections =
    [
        "' OR '1'='1'; DROP TABLE runs; --",
        "<script>alert(document.cookie)</script>",
        "${{ secrets.ADMIN }} {{7*7}} ${jndi:ldap://127.0.0.1/a}",
        "$(rm -rf /); `id` | cat /etc/passwd",
        "line\r\nSet-Cookie: stolen=1\r\n\r\nforged log line",
        "\u202Egnp.exe\u0000\uFEFF\u200B",
        "*)(uid=*))(|(uid=*",
    ];

    /// <summary>Path segments that try to climb out of a folder or confuse routing, already URL-escaped where needed.</summary>
    public static readonly IReadOnlyList<string> PathSegments =
    [
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2fgateway.db",
        "..%5C..%5Cwindows%5Cwin.ini",
        "%27%20OR%201%3D1--",
        "%3Cscript%3E",
        new string('a', 4000),
        "00000000-0000-0000-0000-000000000000",
        "-1",
        "99999999999999999999999",
    ];
}
