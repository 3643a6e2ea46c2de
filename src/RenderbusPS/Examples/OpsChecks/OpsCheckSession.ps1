# Dot-sourced by the ops checks in this folder (copy it with them). The checks run on the open Renderbus session; when
# there is none, they connect for themselves, as a scheduled job does, and disconnect when they are done.

function Open-OpsCheckSession {
    # Connects from RAYVISION_API_ACCESS_ID and RAYVISION_API_KEY (as Connect-Renderbus does) to -Domain, else
    # RENDERBUS_DOMAIN, else task.renderbus.com, on -Platform, else RENDERBUS_PLATFORM, else 2. True when it connected.
    param([string] $Domain, [int] $Platform)
    if (-not (Get-Module RenderbusPS)) {
        Import-Module RenderbusPS -ErrorAction Stop
    }
    if (Get-RbSession) {
        return $false
    }
    if (-not $Domain) {
        $Domain = if ($env:RENDERBUS_DOMAIN) { $env:RENDERBUS_DOMAIN } else { 'task.renderbus.com' }
    }
    if ($Platform -le 0) {
        $Platform = if ($env:RENDERBUS_PLATFORM) { [int] $env:RENDERBUS_PLATFORM } else { 2 }
    }
    Connect-Renderbus -Domain $Domain -Platform $Platform -ErrorAction Stop
    $true
}

function Close-OpsCheckSession {
    param([bool] $Opened)
    if ($Opened) {
        Disconnect-Renderbus -Confirm:$false
    }
}

function Get-OpsCheckTime {
    # The time the checks measure from: -Now, else RENDERBUS_NOW (ISO 8601), else this machine's clock. Against the
    # emulator give its farm clock ($emulator.Now), which runs apart from the wall clock after Advance or at -Speed 0.
    param($Now)
    if ($Now) {
        return [DateTimeOffset] $Now
    }
    if ($env:RENDERBUS_NOW) {
        return [DateTimeOffset]::Parse($env:RENDERBUS_NOW, [Globalization.CultureInfo]::InvariantCulture)
    }
    [DateTimeOffset]::Now
}
