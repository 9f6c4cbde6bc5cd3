using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;

namespace Ml.Sdk.Monitoring.Tests.Alerts;

public sealed class WebhookAlertOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new WebhookAlertOptions();

        Assert.Null(options.Url);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Empty(options.Headers);
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var options = new WebhookAlertOptions { Url = new Uri("https://hooks.example.com/T000/B000/secret") };
        options.Headers["authorization"] = "Bearer abc";
        options.Headers["X-Trace"] = "1";

        Assert.True(new WebhookAlertOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new WebhookAlertOptionsRulesValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_MissingUrlOrAttempts_FailsTheAnnotations()
    {
        var options = new WebhookAlertOptions { MaxAttempts = 0 };

        ValidateOptionsResult result = new WebhookAlertOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Url", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "Url")]
    [InlineData("file:///tmp/hook", "Url")]
    [InlineData("/relative/hook", "Url")]
    public void Validate_UrlNotAbsoluteHttp_Fails(string url, string property)
    {
        var options = new WebhookAlertOptions { Url = new Uri(url, UriKind.RelativeOrAbsolute) };

        ValidateOptionsResult result = new WebhookAlertOptionsRulesValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutOfRangeTimes_Fail()
    {
        var options = new WebhookAlertOptions
        {
            Url = new Uri("http://localhost/"),
            AttemptTimeout = TimeSpan.Zero,
            RetryDelay = TimeSpan.FromSeconds(-1),
        };

        ValidateOptionsResult result = new WebhookAlertOptionsRulesValidator().Validate(null, options);

        Assert.Contains("AttemptTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetryDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Type", "text/plain")]
    [InlineData("Bad Header", "x")]
    [InlineData("X-Token", "a\r\nInjected: yes")]
    public void Validate_BadHeader_Fails(string name, string value)
    {
        var options = new WebhookAlertOptions { Url = new Uri("http://localhost/") };
        options.Headers[name] = value;

        ValidateOptionsResult result = new WebhookAlertOptionsRulesValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationExceptionNamingEveryProblem()
    {
        var options = new WebhookAlertOptions { MaxAttempts = 100, AttemptTimeout = TimeSpan.FromHours(1) };

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => new WebhookAlertSink(Options.Create(options), NullLogger<WebhookAlertSink>.Instance));

        Assert.Equal(typeof(WebhookAlertOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("Url", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AttemptTimeout", StringComparison.Ordinal));
    }
}
