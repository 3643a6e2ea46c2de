#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The ops checks shipped in Examples/OpsChecks, run as a scheduled job runs them: in a fresh process of this
# PowerShell, the module imported by name, the credential and thresholds from environment variables, against an
# emulator this process holds. A farm made to pass passes all five; a farm made to fail fails each, and the message
# names what is wrong.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ThisPowerShell.ps1')
    $script:staged = Join-Path $PSScriptRoot '../../out/RenderbusPS'
    $modulePath = Join-Path $staged 'RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:checks = (Resolve-Path (Join-Path $staged 'Examples/OpsChecks')).Path
    $script:taskJson = '{"task_info": {"input_cg_file": "D:/max/lobby_sh020_v002.max", "cg_id": "2001", "frames": "1-6[1]"}}'

    function Invoke-OpsCheck {
        # runs every check of the folder in a fresh process; one result per check, by the check's name
        param([RenderbusPS.Emulator.RbEmulator] $Emulator)
        $variables = @{
            RAYVISION_API_ACCESS_ID = $Emulator.AccessId
            RAYVISION_API_KEY       = [pscredential]::new('key', $Emulator.AccessKey).GetNetworkCredential().Password
            RENDERBUS_DOMAIN        = $Emulator.Domain
            RENDERBUS_PLATFORM      = "$($Emulator.Platform)"
            RENDERBUS_NOW           = $Emulator.Now.ToString('o')
            RENDERBUS_FAILED_HOURS  = '24'
            RENDERBUS_MIN_BALANCE   = '100'
            RENDERBUS_STUCK_MINUTES = '60'
        }
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$((Resolve-Path (Split-Path $staged)).Path)' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$((Get-Module Pester).Path)'
`$result = Invoke-Pester -Path '$checks' -PassThru -Output None
ConvertTo-Json -Compress -InputObject @(`$result.Tests | ForEach-Object {
    `$message = if (`$_.ErrorRecord) { @(`$_.ErrorRecord)[0].Exception.Message } else { '' }
    [pscustomobject]@{ Name = `$_.ExpandedName; Result = [string] `$_.Result; Message = `$message }
})
"@
        $me = Get-ThisPowerShell
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        foreach ($name in $variables.Keys) { Set-Item "Env:$name" $variables[$name] }
        try {
            $output = & $me.Path @($me.Prefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded))
        }
        finally {
            foreach ($name in $variables.Keys) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
        }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $results = @{}
        foreach ($test in (@($output)[-1] | ConvertFrom-Json)) { $results[$test.Name] = $test }
        $results
    }
}

AfterAll {
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'The ops checks in the staged module' {
    It 'are five Pester files, and their README names every variable they read' {
        @(Get-ChildItem $checks -Filter '*.Tests.ps1').Count | Should -Be 5
        $readme = Get-Content -Raw (Join-Path $checks 'README.md')
        $read = Get-ChildItem $checks -Filter '*.ps1' | Select-String -Pattern 'env:(RENDERBUS_\w+)' -AllMatches |
            ForEach-Object { $_.Matches } | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        @($read).Count | Should -Be 6
        foreach ($variable in $read) { $readme | Should -Match "``$variable``" }
    }
}

Describe 'The ops checks on a farm made to pass' {
    BeforeAll {
        $script:emulator = Start-RbEmulator -Seed 31 -TaskCount 0 -Speed 0 -Confirm:$false
        Connect-Renderbus -Emulator $emulator
        # fresh work in both statuses the stuck-task check watches, and the seeded render environments
        New-RbTask -Confirm:$false | Send-RbTaskFile -Content $taskJson -PassThru | Submit-RbTask -Confirm:$false
        New-RbTask -Confirm:$false | Out-Null
        Disconnect-Renderbus -Confirm:$false
        $script:results = Invoke-OpsCheck $emulator
    }

    AfterAll {
        Stop-RbEmulator $emulator -Confirm:$false
    }

    It 'runs the five checks, and every one passes' {
        @($results.Keys | Sort-Object) | Should -Be @(
            'no render environment uses a software version the farm no longer offers'
            'no task failed in the last 24 hours'
            'no task is in Analysing or Submitting for more than 60 minutes'
            'Test-RbConnection passes every check'
            'the balance is at least 100'
        )
        foreach ($test in $results.Values) {
            $test.Result | Should -Be 'Passed' -Because "$($test.Name): $($test.Message)"
        }
    }
}

Describe 'The ops checks on a farm made to fail' {
    BeforeAll {
        $script:emulator = Start-RbEmulator -Seed 32 -TaskCount 0 -Speed 0 -Balance 3 -Confirm:$false
        Connect-Renderbus -Emulator $emulator
        # a task created and never submitted stays Submitting; one whose analysis finds no frames fails to submit
        $script:stuck = New-RbTask -Confirm:$false
        $empty = '{"task_info": {"input_cg_file": "D:/maya/empty_v001.mb", "cg_id": "2000"}}'
        $script:failed = New-RbTask -Confirm:$false | Send-RbTaskFile -Content $empty -PassThru |
            Submit-RbTask -PassThru -Confirm:$false
        Disconnect-Renderbus -Confirm:$false
        $emulator.Advance((New-TimeSpan -Hours 2))
        $emulator.SetPlatformStatus(2, 0)
        $emulator.RetireSoftwareVersion('Maya', '2022')
        $script:results = Invoke-OpsCheck $emulator
    }

    AfterAll {
        Stop-RbEmulator $emulator -Confirm:$false
    }

    It 'fails every check' {
        $results.Count | Should -Be 5
        $results.Values | Where-Object Result -ne 'Failed' | ForEach-Object Name | Should -BeNullOrEmpty
    }

    It 'fails the failed-task check on the task that failed to submit' {
        $failed.Status | Should -Be 'SubmitFailed'
        $results['no task failed in the last 24 hours'].Message |
            Should -Match ([regex]::Escape("'$($failed.Alias) (SubmitFailed, empty_v001.mb)'"))
    }

    It 'fails the balance check on the balance of 3' {
        $results['the balance is at least 100'].Message | Should -Match 'greater than or equal to 100, .* but got 3(\.00)?\.$'
    }

    It 'fails the stuck-task check on the task left Submitting for two hours' {
        $results['no task is in Analysing or Submitting for more than 60 minutes'].Message |
            Should -Match ([regex]::Escape("'$($stuck.Alias) (Submitting since "))
    }

    It 'fails the connection check on the platform that is down, and on nothing else' {
        $message = $results['Test-RbConnection passes every check'].Message
        $message | Should -Match ([regex]::Escape("but got 'Platform: platform 2 (query_platform_w2): not enabled."))
        $message | Should -Not -Match 'Host:|Clock:|Credential:|Zone:|Balance:'
    }

    It 'fails the render-environment check on the environment of the retired Maya version' {
        $results['no render environment uses a software version the farm no longer offers'].Message |
            Should -Match ([regex]::Escape("but got 'maya2022-arnold (Maya 2022 on Windows)'"))
    }
}
