package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
)

// The .NET generator always fetches a logo for the NuGet package (logo.png, the project file's PackageIcon):
// the schema's logoUrl, else a generic Pulumi logo from GitHub. Our machines reach no web host, so a schema
// without a logoUrl gets this URL instead, answered in-process with a plain 64×64 PNG drawn here. A schema that
// names a logoUrl is fetched as before.
const drawnLogoURL = "pulumi-async-invoke-logo:64x64.png"

func init() {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.RegisterProtocol("pulumi-async-invoke-logo", drawnLogo{})
	}
}

type drawnLogo struct{}

func (drawnLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	// A dark square with a lighter band: enough to be told apart in a package list, nothing more.
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			c := color.NRGBA{R: 0x1f, G: 0x3a, B: 0x5f, A: 0xff}
			if y >= 24 && y < 40 {
				c = color.NRGBA{R: 0xf2, G: 0x9f, B: 0x05, A: 0xff}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Header:        http.Header{"Content-Type": []string{"image/png"}},
		Body:          io.NopCloser(&buf),
		ContentLength: int64(buf.Len()),
		Request:       req,
	}, nil
}
