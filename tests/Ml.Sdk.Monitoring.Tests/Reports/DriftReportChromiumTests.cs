using System.Text.RegularExpressions;
using Ml.Sdk.Monitoring.Reports;
using Ml.Sdk.Monitoring.Reports.Internal;
using Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Reports;

/// <summary>Renders a report in a real browser, headless, and checks what it drew: the page must work offline.</summary>
public sealed class DriftReportChromiumTests : IDisposable
{
    private const int Width = 1280;
    private const int Height = 1600;

    private readonly string _folder = Directory.CreateTempSubdirectory("ml-sdk-report-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A browser helper that is still closing may hold its profile for a moment; the temp folder is cleaned later anyway.
        }
    }

    [ChromiumFact]
    public async Task WriteHtmlAsync_OpenedInChromium_DomHasSummaryAndOneSvgPerTestedColumn()
    {
        string page = await WriteReportAsync();

        (int exitCode, string dom, string error) = await Chromium.RunHeadlessAsync(page, _folder, "--dump-dom");

        Assert.True(exitCode == 0, $"chromium --dump-dom exited with {exitCode}:\n{error}");
        Assert.Contains("Dataset drift detected", dom, StringComparison.Ordinal);
        Assert.Contains("2 of 3 tested columns", dom, StringComparison.Ordinal);
        Assert.Contains("<dd>churn</dd>", dom, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(dom, "<svg"));
    }

    [ChromiumFact]
    public async Task WriteHtmlAsync_ScreenshotInChromium_IsFullSizeAndShowsBothChartColours()
    {
        string page = await WriteReportAsync();
        string png = Path.Combine(_folder, "report.png");

        (int exitCode, _, string error) = await Chromium.RunHeadlessAsync(page, _folder, "--screenshot=" + png);

        Assert.True(exitCode == 0 && File.Exists(png), $"chromium --screenshot exited with {exitCode} and wrote {(File.Exists(png) ? "a file" : "nothing")}:\n{error}");
        byte[] bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal((Width, Height), PngImage.ReadSize(bytes));

        PngImage image = PngImage.Decode(bytes);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        long nonWhite = 0, reference = 0, current = 0;
        (byte R, byte G, byte B) referenceColour = Parse(SvgBarChart.ReferenceColor);
        (byte R, byte G, byte B) currentColour = Parse(SvgBarChart.CurrentColor);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                (byte r, byte g, byte b, _) = image[x, y];
                if (r < 240 || g < 240 || b < 240)
                {
                    nonWhite++;
                }

                if (Near((r, g, b), referenceColour))
                {
                    reference++;
                }
                else if (Near((r, g, b), currentColour))
                {
                    current++;
                }
            }
        }

        // A blank or unstyled page has almost no non-white pixels; three charts of solid bars and a coloured banner
        // cover several percent of the screen. Each colour must fill at least a few bars' worth of pixels.
        Assert.True(nonWhite > image.Width * image.Height / 50, $"only {nonWhite} non-white pixels");
        Assert.True(reference > 2_000, $"only {reference} pixels of the reference colour {SvgBarChart.ReferenceColor}");
        Assert.True(current > 2_000, $"only {current} pixels of the current colour {SvgBarChart.CurrentColor}");
    }

    private async Task<string> WriteReportAsync()
    {
        string page = Path.Combine(_folder, "report.html");
        var options = new DriftReportOptions { ModelName = "churn", ModelVersion = "7", GeneratedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero) };
        await using (FileStream file = File.Create(page))
        {
            await DriftReport.WriteHtmlAsync(SampleDriftResults.Typical(), file, options);
        }

        return page;
    }

    private static (byte R, byte G, byte B) Parse(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));

    // Colour management and antialiasing may move a channel by a few steps; bar interiors stay within this.
    private static bool Near((byte R, byte G, byte B) pixel, (byte R, byte G, byte B) colour) =>
        Math.Abs(pixel.R - colour.R) <= 6 && Math.Abs(pixel.G - colour.G) <= 6 && Math.Abs(pixel.B - colour.B) <= 6;
}
