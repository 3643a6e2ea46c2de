#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# What build.ps1 delivers besides the module: this suite runs in the PowerShell that ran the build (also when that is
# the PowerShell .NET tool, which runs as dotnet + pwsh.dll), and the package installs from a folder repository into
# an empty path and works in a fresh process, with the licence, the help and the changelog's release notes.

BeforeAll {
    $root = Join-Path $PSScriptRoot '../..'
    $script:version = (Import-PowerShellDataFile (Join-Path $root 'RenderbusPS.psd1')).ModuleVersion
    $script:package = Join-Path $root "out/RenderbusPS.$version.nupkg"
    $changelog = [IO.File]::ReadAllText((Join-Path $root 'CHANGELOG.md')) -replace "`r`n", "`n"
    $script:releaseNotes = [regex]::Match($changelog,
        "(?ms)^## \[$([regex]::Escape($version))\][^\n]*\n(.*?)(?=^## \[|\z)").Groups[1].Value.Trim()

    . (Join-Path $PSScriptRoot 'ThisPowerShell.ps1')
}

Describe 'The Pester run' {
    It 'runs in the PowerShell that runs build.ps1 -Task Test' {
        $env:RENDERBUSPS_BUILD_POWERSHELL | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test names its PowerShell'
        $me = Get-ThisPowerShell
        (@("$($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion)", $me.Path) + $me.Prefix) -join '|' |
            Should -BeExactly $env:RENDERBUSPS_BUILD_POWERSHELL
    }
}

# Windows PowerShell 5.1 has no PSResourceGet, so build.ps1 makes no package there and this part cannot run
Describe 'The package' -Skip:(-not (Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet)) {
    BeforeAll {
        Import-Module Microsoft.PowerShell.PSResourceGet
        $package | Should -Exist -Because 'build.ps1 -Task Test makes it (-Task Package alone too)'
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repository')
        Copy-Item -Path $package -Destination $repository
        $script:repositoryName = 'RenderbusPS-test-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $repositoryName -Uri $repository.FullName -Trusted
        $script:modules = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')).FullName
        Save-PSResource -Name RenderbusPS -Repository $repositoryName -Path $modules -TrustRepository
        $script:installed = Join-Path $modules "RenderbusPS/$version"
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repositoryName
    }

    It 'shows what the Gallery shows: description, tags and the release notes of CHANGELOG.md' {
        $found = Find-PSResource -Name RenderbusPS -Repository $repositoryName
        $found.Version.ToString() | Should -Be $version
        $found.Description | Should -Match 'Renderbus'
        $found.Tags | Should -Contain 'Renderbus'
        $releaseNotes | Should -Not -BeNullOrEmpty
        ($found.ReleaseNotes -replace "`r`n", "`n").Trim() | Should -BeExactly $releaseNotes
    }

    It 'installs the module with its licence, format file and help into an empty path' {
        (Import-PowerShellDataFile (Join-Path $installed 'RenderbusPS.psd1')).ModuleVersion | Should -Be $version
        Get-Content -Raw (Join-Path $installed 'LICENSE') | Should -Match 'MIT License'
        Join-Path $installed 'RenderbusPS.Format.ps1xml' | Should -Exist
        Join-Path $installed 'en-US/RenderbusPS.dll-Help.xml' | Should -Exist
        Join-Path $installed 'en-US/about_RenderbusPS.help.txt' | Should -Exist
    }

    It 'installs the ops checks users copy, with their README' {
        $checks = Join-Path $installed 'Examples/OpsChecks'
        @(Get-ChildItem $checks -Filter '*.Tests.ps1').Count | Should -Be 5
        Join-Path $checks 'OpsCheckSession.ps1' | Should -Exist
        Join-Path $checks 'README.md' | Should -Exist
    }

    It 'imports by name in a fresh process and drives its emulator' {
        $script = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module RenderbusPS
`$emulator = Start-RbEmulator -Seed 4 -Speed 0
Connect-Renderbus -Emulator `$emulator
`$rendering = @(Get-RbTask -Status Rendering)
`$rendering | Stop-RbTask -Confirm:`$false
[pscustomobject]@{
    Base = (Get-Module RenderbusPS).ModuleBase
    Rendering = `$rendering.Count
    Left = @(Get-RbTask -Status Rendering).Count
    Stopped = @(Get-RbTask -Id `$rendering.Id | Where-Object Status -eq Stopped).Count
    Synopsis = (Get-Help Stop-RbTask).Synopsis
} | ConvertTo-Json -Compress
Stop-RbEmulator -Confirm:`$false
"@
        $me = Get-ThisPowerShell
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $output = & $me.Path @($me.Prefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded))
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = @($output)[-1] | ConvertFrom-Json
        [IO.Path]::GetFullPath($result.Base) | Should -BeExactly ([IO.Path]::GetFullPath($installed))
        $result.Rendering | Should -BeGreaterThan 0
        $result.Left | Should -Be 0
        $result.Stopped | Should -Be $result.Rendering
        $result.Synopsis | Should -Match '^Stops'
    }
}
