"""Regenerate the showcase's pictures: a wide store view (JPEG) and one product picture per
product (PNG), drawn with Pillow (deterministic, no fonts), plus products.csv naming them."""

import csv
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent
PRODUCTS = [  # name, colour, shape, 2025 sales
    ("保温杯", (46, 117, 182), "cup", 1_820_000),
    ("蓝牙耳机", (31, 78, 121), "circle", 1_540_000),
    ("双肩包", (244, 177, 131), "bag", 1_310_000),
    ("台灯", (255, 217, 102), "lamp", 980_000),
    ("运动鞋", (169, 209, 142), "shoe", 870_000),
    ("绿植", (112, 173, 71), "plant", 640_000),
]


def product(colour: tuple[int, int, int], shape: str) -> Image.Image:
    image = Image.new("RGB", (480, 360), (243, 246, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 300, 370, 340), fill=(220, 225, 232))
    if shape == "cup":
        draw.rounded_rectangle((185, 70, 295, 310), 24, fill=colour)
        draw.rectangle((180, 60, 300, 90), fill=(90, 90, 90))
    elif shape == "circle":
        draw.arc((150, 60, 330, 240), 180, 360, fill=colour, width=18)
        draw.rounded_rectangle((135, 150, 185, 250), 16, fill=colour)
        draw.rounded_rectangle((295, 150, 345, 250), 16, fill=colour)
    elif shape == "bag":
        draw.rounded_rectangle((150, 90, 330, 315), 30, fill=colour)
        draw.arc((195, 40, 285, 130), 180, 360, fill=(90, 90, 90), width=10)
        draw.rectangle((185, 200, 295, 260), fill=(255, 255, 255))
    elif shape == "lamp":
        draw.polygon([(170, 150), (310, 150), (270, 60), (210, 60)], fill=colour)
        draw.rectangle((232, 150, 248, 290), fill=(90, 90, 90))
        draw.ellipse((180, 280, 300, 315), fill=(90, 90, 90))
    elif shape == "shoe":
        draw.polygon([(110, 300), (110, 180), (200, 160), (260, 230), (370, 250), (370, 300)], fill=colour)
        draw.rectangle((110, 290, 370, 310), fill=(255, 255, 255))
    else:
        draw.polygon([(190, 210), (290, 210), (275, 310), (205, 310)], fill=(160, 110, 70))
        for box in ((160, 80, 240, 210), (240, 70, 320, 210), (205, 40, 275, 200)):
            draw.ellipse(box, fill=colour)
    return image


def store() -> Image.Image:
    image = Image.new("RGB", (1600, 900), (231, 238, 246))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1600, 900), fill=(200, 208, 218))
    draw.rectangle((200, 200, 1400, 640), fill=(31, 78, 121))
    draw.rectangle((200, 150, 1400, 230), fill=(46, 117, 182))
    for k in range(4):
        left = 260 + k * 290
        draw.rectangle((left, 290, left + 230, 600), fill=(157, 195, 230))
    draw.rectangle((1330, 320, 1380, 640), fill=(244, 177, 131))
    return image


def main() -> None:
    folder = HERE / "images"
    folder.mkdir(exist_ok=True)
    store().save(folder / "store.jpg", quality=85)
    rows = []
    for k, (name, colour, shape, sales) in enumerate(PRODUCTS, 1):
        file = f"product{k}.png"
        product(colour, shape).save(folder / file, optimize=True)
        rows.append([name, file, sales])
    with (HERE / "products.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["product", "photo", "sales"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
