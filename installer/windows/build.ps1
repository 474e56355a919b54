<#
.SYNOPSIS
  Build Schrijfhulp's MSI on a Windows build machine: portable llama.cpp, frozen app, MSI, signatures.

.DESCRIPTION
  Run from the repository root in a "Developer PowerShell for VS 2022" (cl.exe on PATH):

    powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 `
        [-LanguageToolDir C:\build\languagetool] [-Defaults defaults.toml] [-Policy policy.toml] `
        [-CertificateThumbprint <sha1>] [-TimestampUrl <RFC 3161 url>]

  Needs: Python 3.11 (x64, "py -3.11"), Visual Studio 2022 Build Tools (C++), CMake 3.21+,
  WiX Toolset 3.14 (candle.exe and light.exe on PATH) and, to sign, signtool.exe (Windows SDK).

  Steps:
   1. a build venv in build\win\venv;
   2. llama-cpp-python 0.3.36 built once into .wheels\ for a baseline x86-64 CPU with every CPU
      variant loaded at run time (GGML_NATIVE=OFF, GGML_BACKEND_DL=ON, GGML_CPU_ALL_VARIANTS=ON),
      the same build the Linux package carries;
   3. the app and PyInstaller installed into the venv, the app frozen by installer\freeze.py
      (which refuses a llama.cpp built for this machine's own CPU);
   4. optionally the executables signed (Authenticode, SHA-256, timestamped);
   5. the MSI built by installer\msi.py with WiX 3 (light runs the ICE validation), then signed.

  -LanguageToolDir: the optional feature "LanguageTool (lokaal)". A folder holding a LanguageTool
  release (languagetool-server.jar and its libs, from https://languagetool.org/download/, checked
  against the published checksum) with a Java runtime in its jre\ subfolder (for example Eclipse
  Temurin 21 JRE, x64, zip). It is installed to %ProgramFiles%\Schrijfhulp\languagetool.
#>
[CmdletBinding()]
param(
    [string]$LanguageToolDir,
    [string]$Defaults,
    [string]$Policy,
    [string]$CertificateThumbprint,
    [string]$TimestampUrl,
    [string]$OutDir = "dist"
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$LlamaVersion = "0.3.36"
$LlamaCmakeArgs = "-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib"
$PyInstallerPins = @("pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")
$Venv = Join-Path $Root "build\win\venv"
$Python = Join-Path $Venv "Scripts\python.exe"
$Wheels = Join-Path $Root ".wheels"

function Require-Command([string]$Name, [string]$Hint) {
    if (-not (Get-Command $Name -ErrorAction SilentlyContinue)) { throw "$Name is missing: $Hint" }
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Sign-Files([string[]]$Paths) {
    if (-not $CertificateThumbprint) { return }
    if (-not $TimestampUrl) { throw "-TimestampUrl is required with -CertificateThumbprint" }
    Require-Command "signtool.exe" "install the Windows SDK (signing tools)"
    Invoke-Checked "signtool.exe" (@("sign", "/sha1", $CertificateThumbprint, "/fd", "SHA256",
        "/tr", $TimestampUrl, "/td", "SHA256", "/d", "Schrijfhulp") + $Paths)
    Invoke-Checked "signtool.exe" (@("verify", "/pa") + $Paths)
}

Require-Command "py.exe" "install Python 3.11 (x64) from python.org with the py launcher"
Require-Command "cl.exe" "run from a Developer PowerShell for VS 2022 with the C++ build tools"
Require-Command "cmake.exe" "install CMake 3.21 or newer"
Require-Command "candle.exe" "install WiX Toolset 3.14 and put its bin folder on PATH"
Require-Command "light.exe" "install WiX Toolset 3.14 and put its bin folder on PATH"

# 1. The build venv.
if (-not (Test-Path $Python)) {
    Invoke-Checked "py.exe" @("-3.11", "-m", "venv", $Venv)
    Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools", "wheel")
}

# 2. The portable llama.cpp wheel, built once (pip's wheel cache ignores CMAKE_ARGS, so no cache).
$ArgsFile = Join-Path $Wheels "llama_cpp_python-$LlamaVersion.windows.cmake-args"
$Wheel = Get-ChildItem -Path $Wheels -Filter "llama_cpp_python-$LlamaVersion-*win_amd64.whl" -ErrorAction SilentlyContinue |
    Select-Object -First 1
if (-not $Wheel -or -not (Test-Path $ArgsFile) -or ((Get-Content $ArgsFile -Raw) -ne $LlamaCmakeArgs)) {
    New-Item -ItemType Directory -Force -Path $Wheels | Out-Null
    Get-ChildItem -Path $Wheels -Filter "llama_cpp_python-*win_amd64.whl" | Remove-Item
    $env:CMAKE_ARGS = $LlamaCmakeArgs
    Invoke-Checked $Python @("-m", "pip", "wheel", "--no-cache-dir", "--no-deps", "--no-binary", "llama-cpp-python",
        "--wheel-dir", $Wheels, "llama-cpp-python==$LlamaVersion")
    Remove-Item Env:\CMAKE_ARGS
    Set-Content -Path $ArgsFile -Value $LlamaCmakeArgs -NoNewline
    $Wheel = Get-ChildItem -Path $Wheels -Filter "llama_cpp_python-$LlamaVersion-*win_amd64.whl" | Select-Object -First 1
}

# 3. The app and the freezer, then the frozen app.
Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", $Wheel.FullName)
Invoke-Checked $Python (@("-m", "pip", "install", "--quiet", "--find-links", $Wheels, ".") + $PyInstallerPins)
$Dist = Join-Path $Root "build\win\dist"
Invoke-Checked $Python @("installer\freeze.py", "--dist", $Dist, "--work", (Join-Path $Root "build\win\work"))
$App = Join-Path $Dist "schrijfhulp"

# 4. Sign the executables before they go into the MSI.
Sign-Files @((Join-Path $App "schrijfhulp.exe"), (Join-Path $App "schrijfhulp-cli.exe"))

# 5. The MSI, then its signature.
$MsiArgs = @("installer\msi.py", $App, "--toolset", "wix3", "--out", $OutDir)
if ($LanguageToolDir) {
    if (-not (Test-Path (Join-Path $LanguageToolDir "languagetool-server.jar"))) {
        throw "$LanguageToolDir holds no languagetool-server.jar (a LanguageTool release folder is needed)"
    }
    if (-not (Test-Path (Join-Path $LanguageToolDir "jre\bin\java.exe"))) {
        throw "$LanguageToolDir holds no jre\bin\java.exe (put a Java runtime in its jre folder)"
    }
    $MsiArgs += @("--languagetool", $LanguageToolDir)
}
if ($Defaults) { $MsiArgs += @("--defaults", $Defaults) }
if ($Policy) { $MsiArgs += @("--policy", $Policy) }
Invoke-Checked $Python $MsiArgs
$Msi = Get-ChildItem -Path $OutDir -Filter "Schrijfhulp-*-x64.msi" | Sort-Object LastWriteTime | Select-Object -Last 1
Sign-Files @($Msi.FullName)
Write-Host "Klaar / done: $($Msi.FullName)"
