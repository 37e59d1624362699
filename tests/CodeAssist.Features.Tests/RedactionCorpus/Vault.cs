// Seeded secrets for the redaction tests: every value listed in seeded-secrets.txt must be absent from
// every request sent to a model server. The values are random and belong to no account.
namespace Corpus;

public static class Vault
{
    public const string StorageKey0 = "I4qissZ9C+idHu7/pE3OnstoaFQmiUXGtAD2C3VeiGSWJWT0Ii482zWY8c3iwlgJD00NG41mPfKm7zO2OhxIGg==";
    private static readonly string GithubToken0 = "ghp_60gMiaCCOW9ojAp0yWNvFh9lFpxImanDyMYY";
    internal static string AwsAccessKeyId0 => "AKIA191P7IHDNY8ACZA7";
    public static string AwsSecret0 = @"75WVaOVQMQT948pt2h91AoliUjoLFrvIuzPhqmO/";
    public const string StorageKey1 = "YvjrP5V77A4GVP8cVraFkE8hi6S3PD6sPjkyn3RuJ6+UoMQSIahOMR4qjGpzkbV+dgBho7JqG1McFTZwI1yRpw==";
    private static readonly string GithubToken1 = "ghp_MAHGE9Hngi6Gezpq8UPktsn3NKi3YqHh7wkM";
    internal static string AwsAccessKeyId1 => "AKIAZMDP4J2YTZ6V4RCD";
    public static string AwsSecret1 = @"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";
    public const string StorageKey2 = "qn6qZwkwpRJcQX24Sv60vSGbRTL+74dpEGl24G7ocWL/fXYO21z1kmmU0NuIAfT80lz/wfDU6ITF+dNjU2eTnQ==";
    private static readonly string GithubToken2 = "ghp_zluPyAkfNAO8XFQ3sR4Kos9CW1tQSc8DDJ1r";
    internal static string AwsAccessKeyId2 => "AKIAD5KPO9WCMNLMET2E";
    public static string AwsSecret2 = @"73hhqL4cVWH7Rmw0XYhBmiq09wX5qITb4NFOqIQ1";
    public const string StorageKey3 = "mcNG7xK2y4XfYRjP9O0DCBXIWJMQQrgALgWJjHRBqlyfNsEFiYPACaJIDh3zSEMTB70rpKPhDH1DoTS3uU1fWw==";
    private static readonly string GithubToken3 = "ghp_tcUJMEgXghnRMTboVpnClmGswB9TmOOkyhHE";
    internal static string AwsAccessKeyId3 => "AKIAEX4KTCKBLO3F8HI0";
    public static string AwsSecret3 = @"0L+p0KdCrlW+Kx5BoZCyd+BjnroeGoNZzjSe5C7i";
    public const string StorageKey4 = "MCA0wJppf0Aqv5jvhZl1UObIOID4GyGjq+ZGKX17AIGoZNQF5s/7sB+9MkSRUnFFqnRi/7ofhBLq73LehJu+yQ==";
    private static readonly string GithubToken4 = "ghp_ZCcs2JIgijozpCOagnuSq6WYrpBiA4RfRy4m";
    internal static string AwsAccessKeyId4 => "AKIAV58AJ0E1ASZ3U33V";
    public static string AwsSecret4 = @"EIxAroR19P5s4N7XCPa6omBTR9MBCcK5F0LSbQKE";
    public const string StorageKey5 = "7OXsmyULJ/oT7vpP5bmzWOuCd+pL9CqPHoywVCIHbFW1zIw6vDFYiTeFt/RPgb/+CApuXmby4bmqdkGbzcEGww==";
    private static readonly string GithubToken5 = "ghp_TLjF9WQ2zG7Dy3fhGi3slD8dSLFtux1PaNcC";
    internal static string AwsAccessKeyId5 => "AKIAIB9BSODLHJGONJ7R";
    public static string AwsSecret5 = @"tOEEUhw2J3pE1omoTq6aAFjnURco4U7kG//DA5u7";
    public static readonly string[] ApiKeys = new[] { "zT3R50Uk9sK9iE9daFyffWqt57XP3Pw1", "IRhksqiCrHKhU3taNfw6YlisSpBfwGUS", "AzSmSxJGLaQ6sXJ4Qxc4wFrsgazqs74t" };
    public static readonly string[] Fallbacks = ["cUzGMtnKzVvVZ53PUv5Yu1qnkjl6BIWN", "uOC1cXn0Yh4Y5eyB2kx4pTSgoZihmBzQ"];
    public static string Interpolated(string host) => $"https://svc:3Bywpy2NkO21oz@{host}/api";
    public const string Raw = """
        { "token": "xoxb-566602062997-279084959222-0exSpmghGud9vbfPBC5llJr9" }
        """;
    // Old key, rotated: GYMks72qyh6xUVIWcyUwNytuPhHutb2z
    /* stripe: sk_live_6LNFbcGCwIEJqtfoOKaVdONy */
    [System.Obsolete("AIza9L8sZlM57agsIhhcAdr0M7GStmVJ5dfvzd1")]
    public static int Attributed => 1;
    public static string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJPYzc1dkdUMlBZIiwibmFtZSI6InN2YyJ9.Yf0YcgsP9rLghhYN3JZglxqzayrYaMNRIuKhWZd-h2c";
    public static string DbConnectionString = "Server=db;Database=app;User Id=sa;Password=gSrzezOmK4!#Wrzd;";
    public static string Blob = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=O7KOBAB13F70MZEAp1Mz+r9HvadugjSoHqYxY5nCIn9d8TebyylF4Z6MsXdGSkt08XMJgp48tsDzQu80llfgMQ==;EndpointSuffix=core.windows.net";
    public static string Npm = "npm_IIIdqeorDa986Vu6Acj0o4I45gn3NhJ0iMAq";
    public static string SendGrid = "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";
    public static string OAuth = "gho_Rl6rYJIyPwBkGJHTAeEWhPahmBqIScTJXI8g";
    public static string Pat = "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";

    public static int Broken()
    {
        var fallbackToken = "ghp_OGSW3KUpQMBvNSWeqhxVQUMzpWosD62sDSCT";
        int count = "not a number";
        return count + fallbackToken.Length;
    }

    public static string Describe(string name)
    {
        var password = "EOV5YlsbWG!#5cN1";
        return name + password;
    }

    public const string DeployKey = @"-----BEGIN RSA PRIVATE KEY-----
3xUz7r2DTULQVIEeriGLvZU0e+xXoUOUu/7U1TpXa1YJEKAmEiLLxf2WzB+jYr/T
CQ0HxfVaKqZj45vyWjNsZjnf2rIl32eBmFPrCDTRXQB1S0uvrWK3nXEVpUeJHeK5
f83JPZEil8hO/7sMCgC5A+mLPVvbBVCIEM03pYaEYoyV6EJHmx6CBUz8HfgcfoBx
1vF77yMd0Le33OUCp2TZZSex3d0FB7oTyFkmIwUfpcbWd2Z05uZ8mKZg413YCypQ
d8/dfkAr4bXm5HC/vT4u6O/RzH53KfHPY2oY3ec8yqQwLarwFHLEfn7LK+c0z+AG
cvTOxnbZZGy3qA0ASs2pZSUSOkAyHVAyBK+Wj2JIQuwIDOvmPYju0YO5ogxDOrP7
nGc8IkgJYhXa1jK+ZILO5U+3bPVxHuc0wnDQhMgq/RIyJh2D45C+taiTLB83hSlr
2rS6llUhukhoHH80ag5FWidMDqjK/T/UEQamyx4veRfalhGlAjULd87AQtMOrok1
CV5ciCALF7RG4Uhm6sla0cU1avOAquEQq3hnLiHmuFUlq3YVSnpL2TqNtI1ei1pB
I9+PcfyJBk2PGQAiwker76UmA6Y/qCJoc9S8Ggb7lRVV13E04q8Pso5+Si9+NpTW
Uj/lBWCgtDcWhyPO66yeRkFshdrWB7Y5aEhxZesKetjLVXn6i0Zks0JJ8bT5P3cR
6HRS8SCtcbuoNaw2wBE/1ZeBulA89rBElpLxn23l6OnAHpvyhB72vK6OBuBi74wC
BqiAoK7qWQObLjhDXH8HjuqGCZ2ErGUUM3k4ugu0zRX8vZNqfDrNSnbYizL7ubkP
HvMBnqDvp3AkrorwQTY8NAGjpegIGwH0bg0O0E+0Nia/5bFvOfosFCxippmF3xV/
JcNsjjDxf56KmnOV8OK5HqV0AF6FLAWg94jLtN8IeE8BBhhjE2JrVRvTFlOd+Wdr
0p48unwRVTDD7xoHABbYQQa0svs20Z2N/N9B9jR748VbJ+aXirhFYHymJtGB+dxW
gQEnCUwiykcAk1qenrgZGC252D9FYCQXH5IxV0UT8LDYP04RA6ILiVqFezGDNg6T
APJvO3OWD+KHWYsiICfZcQGS83nMbvjvh+ViB0vYo7N5pB3COdi2fWYMqBnnO1Yr
lzOqKYt+k3lgVNuuETrd1Yha==
-----END RSA PRIVATE KEY-----";

    public static string Sign(string payload)
    {
        return payload + DeployKey.Length;
    }
}
